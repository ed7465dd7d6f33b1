package watch_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/cmd/nianbao/internal/watch"
)

// TestTargetHidesItsSecret: a Target printed, dumped or marshalled never
// shows its HMAC key.
func TestTargetHidesItsSecret(t *testing.T) {
	const key = "hmac-key-never-shown"
	tg := watch.NewTarget("http://127.0.0.1:9/hook", []string{"report_new"}, key)
	js, _ := json.Marshal(tg)
	for how, out := range map[string]string{
		"%v": fmt.Sprintf("%v", tg), "%+v": fmt.Sprintf("%+v", tg), "%#v": fmt.Sprintf("%#v", tg), "json": string(js),
	} {
		if strings.Contains(out, key) || strings.Contains(out, fmt.Sprint([]byte(key))) {
			t.Errorf("%s shows the key: %s", how, out)
		}
	}
}
