package clean

import "testing"

func TestDatelineDate(t *testing.T) {
	for _, tc := range []struct{ name, head, want string }{
		{"full date in the dateline", "Release\nKABUL, Afghanistan (Aug. 6, 2012)\nAfghan and coalition forces", "2012-08-06"},
		{"year from a release number above", "Force Targets Commander\nISAF Joint Command - Afghanistan\u20282010-09-CA-005 For Immediate Release\nDownload PDF\u2028\u2028KABUL, Afghanistan (Sept. 1) - An Afghan force", "2010-09-01"},
		{"no-break space before the dateline", "Afghan-Led Force Detains Insurgents\n\u2028ISAF Joint Command\u20282010-08-CA-147 \u2028Download PDF\u2028\u2028\u00a0KABUL, Afghanistan (Aug. 13) - An Afghan force", "2010-08-13"},
		{"day before month", "Bulletin 2019\nMOGADISHU (1 March) - Gunmen", "2019-03-01"},
		{"two years above: no guess", "2010 report, 2011 update\nKABUL, Afghanistan (Sept. 1) - text", ""},
		{"no year anywhere: no guess", "KABUL, Afghanistan (Sept. 1) - text", ""},
		{"not a dateline", "He said (Sept. 1) that", ""},
		{"agency, not a date", "KABUL (AP) - Gunmen attacked", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := datelineDate(tc.head); got != tc.want {
				t.Errorf("datelineDate(%q) = %q, want %q", tc.head, got, tc.want)
			}
		})
	}
}

func TestWrittenDate(t *testing.T) {
	for _, tc := range []struct{ line, want string }{
		{"Note: This analysis was completed on the morning of August 28, 2021, however the situation is changing.", "2021-08-28"},
		{"Information is current as of 3 May 2024.", "2024-05-03"},
		{"The report was completed in 2019 and published on 3 May 2024.", ""},
		{"Fighting was updated on maps drawn on 3 May 2024.", ""},
		{"This analysis was completed on time.", ""},
	} {
		if got := writtenDate(tc.line); got != tc.want {
			t.Errorf("writtenDate(%q) = %q, want %q", tc.line, got, tc.want)
		}
	}
}
