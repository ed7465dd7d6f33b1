package config

import "testing"

func TestOverridePrecedence(t *testing.T) {
	const file = `storage: {path: /from/file.db}
http: {listen: "127.0.0.1:1111"}
portals: []
`
	env := map[string]string{EnvDB: "/from/env.db", EnvListen: "127.0.0.1:2222"}
	tests := []struct {
		name       string
		env        map[string]string
		flags      Overrides
		wantDB     string
		wantListen string
	}{
		{"file alone", nil, Overrides{}, "/from/file.db", "127.0.0.1:1111"},
		{"environment beats file", env, Overrides{}, "/from/env.db", "127.0.0.1:2222"},
		{"flags beat environment", env, Overrides{DB: "/from/flag.db", Listen: ":3333"}, "/from/flag.db", ":3333"},
		{"a flag overrides only what it sets", env, Overrides{DB: "/from/flag.db"}, "/from/flag.db", "127.0.0.1:2222"},
		{"empty variables change nothing", map[string]string{EnvDB: ""}, Overrides{}, "/from/file.db", "127.0.0.1:1111"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := MustParse(t, file)
			cfg.Override(func(k string) string { return tt.env[k] }, tt.flags)
			if cfg.Storage.Path != tt.wantDB || cfg.HTTP.Listen != tt.wantListen {
				t.Errorf("storage %q, listen %q; want %q, %q", cfg.Storage.Path, cfg.HTTP.Listen, tt.wantDB, tt.wantListen)
			}
		})
	}
}
