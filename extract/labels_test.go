package extract

import "testing"

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
