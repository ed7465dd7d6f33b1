package extract

import "testing"

func TestRequestRowOfLabel(t *testing.T) {
	tests := []struct {
		label, key string
		ok         bool
	}{
		{"（三）1", "denied_state_secret", true},
		{"一、本年新收", "new", true},
		{"（六）其他处理", "other", true},
		{"四、结转下年度", "carried_out", true},
		{"（九）1", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if key, ok := RequestRowOfLabel(tt.label); key != tt.key || ok != tt.ok {
			t.Errorf("RequestRowOfLabel(%q) = %q, %v; want %q, %v", tt.label, key, ok, tt.key, tt.ok)
		}
	}
	for key, label := range requestRowLabels { // every label leads back to its row
		if got, ok := RequestRowOfLabel(label); !ok || got != key {
			t.Errorf("RequestRowOfLabel(%q) = %q, %v; want %q", label, got, ok, key)
		}
	}
}

func TestRequestColumnLabelsIsACopy(t *testing.T) {
	cols := RequestColumnLabels()
	if len(cols) != 7 || cols[0] != "自然人" || cols[6] != "总计" {
		t.Fatalf("RequestColumnLabels() = %q", cols)
	}
	cols[0] = "changed"
	if RequestColumnLabels()[0] != "自然人" {
		t.Error("changing the returned slice changed the extractor's labels")
	}
}
