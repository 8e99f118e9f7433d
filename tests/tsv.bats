#!/usr/bin/env bats
# The TSV reader through the tools: a NUL byte in a field, a column name
# given twice in a header and a very long bad value are each an error
# with the file, the line and exit 1; the value is quoted cut short.

load test_helper
load impact_helper

@test "tsv: a NUL byte inside a field is an error, not the field's end" {
	impact_hand > impact.tsv
	printf 'cusip\tsize_mm\tside\nA\t2\0009\tB\n' > q.tsv
	run --separate-stderr -1 pretrade -q -i impact.tsv q.tsv
	assert_equal "$stderr" "pretrade: q.tsv:2: NUL byte in column 'size_mm'"
	# in the header
	printf 'cusip\0\tsize_mm\tside\nA\t2\tB\n' > h.tsv
	run --separate-stderr -1 pretrade -q -i impact.tsv h.tsv
	assert_equal "$stderr" "pretrade: h.tsv:1: NUL byte in the header (field 1)"
	# on standard input, in the last line without '\n'
	run --separate-stderr -1 bash -c "printf 'cusip\tsize_mm\tside\nA\t2\tB\0' | pretrade -q -i impact.tsv"
	assert_equal "$stderr" "pretrade: -:2: NUL byte in column 'side'"
}

@test "tsv: a column name given twice in a header is an error" {
	impact_hand > impact.tsv
	printf 'cusip\tsize_mm\tside\tsize_mm\nA\t2\tB\t3\n' > q.tsv
	run --separate-stderr -1 pretrade -q -i impact.tsv q.tsv
	assert_equal "$stderr" "pretrade: q.tsv:1: column 'size_mm' appears twice in the header (fields 2 and 4)"
	impact_hand | sed '1s/$/\tsigma_bps/; 2,$s/$/\t1/' > dup.tsv
	printf 'cusip\tsize_mm\tside\nA\t2\tB\n' > q.tsv
	run --separate-stderr -1 pretrade -q -i dup.tsv q.tsv
	assert_equal "$stderr" "pretrade: dup.tsv:1: column 'sigma_bps' appears twice in the header (fields 7 and 12)"
}

@test "tsv: a bad value of 1 MB is quoted by its first 45 bytes" {
	{ printf 'cusip\tdate\ttime\tprice\tqty\tside\nA\t2020-01-02\t10:00:00\t'
	  head -c 1000000 /dev/zero | tr '\0' 7; printf 'x\t1000\tB\n'; } > t.tsv
	run --separate-stderr -1 roll -q t.tsv
	assert_equal "$stderr" "roll: t.tsv:2: column 'price': bad number '777777777777777777777777777777777777777777777...'"
}

@test "tsv: a 1 MB cusip is quoted by its first 45 bytes" {
	# every cusip column is read through ref/cusip's liq_tsv_cusip, which
	# quotes a bad one with liq_quote (diag's 2,048-byte cap stays the
	# last bound of any message)
	{ printf 'cusip\tdate\ttime\tprice\tqty\tside\n'
	  head -c 1000000 /dev/zero | tr '\0' C; printf '\t2020-01-02\t10:00:00\t100\t1000\tB\n'; } > t.tsv
	run --separate-stderr -1 roll -q t.tsv
	assert_equal "${#stderr_lines[@]}" 1
	assert_equal "$stderr" "roll: t.tsv:2: column 'cusip': bad CUSIP '$(printf '%045d' 0 | tr 0 C)...' (want 1 to 12 letters, digits, *, @ or #)"
}
