package config

import "strings"

// Environment variables read by ApplyEnv.
const (
	EnvDB     = "NIANBAO_DB"     // overrides storage.path
	EnvListen = "NIANBAO_LISTEN" // overrides http.listen
	EnvToken  = "NIANBAO_TOKEN"  // overrides http.token
)

// Overrides are settings given outside the file (flags, environment) that
// replace the file's. Empty fields change nothing.
type Overrides struct {
	DB     string // storage.path
	Listen string // http.listen
	Token  Secret // http.token (from the environment only: a flag would show in ps)
}

// Apply replaces the settings o gives. Precedence is the order of the
// calls; Override makes the usual order (flags beat the environment beat
// the file) one call. The values are not validated here: a bad path,
// address or token fails where it is used (opening the archive, listening,
// serving: see CheckToken), with that error.
func (c *Config) Apply(o Overrides) {
	if o.DB != "" {
		c.Storage.Path = o.DB
	}
	if o.Listen != "" {
		c.HTTP.Listen = o.Listen
	}
	if o.Token.IsSet() {
		c.HTTP.Token = o.Token
	}
}

// ApplyEnv applies NIANBAO_DB, NIANBAO_LISTEN and NIANBAO_TOKEN, as read by getenv
// (os.Getenv, or a map lookup in tests); unset or empty variables change
// nothing.
func (c *Config) ApplyEnv(getenv func(string) string) {
	c.Apply(EnvOverrides(getenv))
}

// EnvOverrides reads the overrides the environment gives.
func EnvOverrides(getenv func(string) string) Overrides {
	return Overrides{DB: getenv(EnvDB), Listen: getenv(EnvListen), Token: NewSecret(strings.TrimSpace(getenv(EnvToken)))}
}

// Override applies the environment (read through getenv; nil reads none)
// and then flags, so that flags beat the environment beat the file. Every
// place that loads a config (start-up, commands, reloads) goes through it.
func (c *Config) Override(getenv func(string) string, flags Overrides) {
	if getenv != nil {
		c.ApplyEnv(getenv)
	}
	c.Apply(flags)
}
