package extract

import "testing"

// TestIdentityFromBody: copies without a usable title still name their
// agency and year — in the opening paragraph, the statistics period and
// the signature block — and provenance says which.
func TestIdentityFromBody(t *testing.T) {
	x := MustExtractor(t)
	sections := "\n一、总体情况\n本年度，我县主动公开政府信息120条。\n二、主动公开政府信息情况\n略。\n三、收到和处理政府信息公开申请情况\n略。\n四、政府信息公开行政复议、行政诉讼情况\n略。\n五、存在的主要问题及改进情况\n略。\n六、其他需要报告的事项\n无。\n"
	tests := []struct {
		name, body         string
		agency, agencyProv string
		year               int
		yearProv           string
	}{
		{"opening names the office of the government",
			"本报告由某某县人民政府办公室根据《中华人民共和国政府信息公开条例》要求编制。本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。" + sections,
			"某某县人民政府", "opening", 2020, "period"},
		{"opening with 现将",
			"根据《条例》规定，现将某某市自然资源和规划局2022年政府信息公开工作年度报告公布如下。数据统计时间为2022年1月1日至12月31日。" + sections,
			"某某市自然资源和规划局", "opening", 2022, "period"},
		{"signature block wins over the compiler",
			"本报告由某某区人民政府办公室编制，所列数据自2019年1月1日起至2019年12月31日止。" + sections + "某某区人民政府\n2020年1月20日\n",
			"某某区人民政府", "signature", 2019, "period"},
		{"signature on one line with a Chinese date",
			"依据《条例》编制本报告。所列数据统计期限为2012年1月1日至2012年12月31日。" + sections + "某某综合实验区管委会 二○一三年一月二十日\n",
			"某某综合实验区管委会", "signature", 2012, "period"},
		{"the body names itself in 总体情况",
			"依据《条例》编制本报告。\n一、总体情况\n2023年，某某县交通运输局坚持以习近平新时代中国特色社会主义思想为指导，全年主动公开政府信息120条。\n二、主动公开政府信息情况\n略。\n三、收到和处理政府信息公开申请情况\n略。\n四、政府信息公开行政复议、行政诉讼情况\n略。\n",
			"某某县交通运输局", "text", 2023, "text"},
		{"a header word is not part of the agency",
			"标题: 某某镇人民政府2021年政府信息公开工作年度报告\n" + sections,
			"某某镇人民政府", "title", 2021, "title"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := x.Extract(Input{Body: []byte(tt.body)})
			if err != nil {
				t.Fatal(err)
			}
			if r.Agency != tt.agency || r.Provenance.Agency != tt.agencyProv {
				t.Errorf("agency = %q from %q, want %q from %q", r.Agency, r.Provenance.Agency, tt.agency, tt.agencyProv)
			}
			if r.Year != tt.year || r.Provenance.Year != tt.yearProv {
				t.Errorf("year = %d from %q, want %d from %q", r.Year, r.Provenance.Year, tt.year, tt.yearProv)
			}
		})
	}
}
