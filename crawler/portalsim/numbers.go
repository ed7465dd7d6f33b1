package portalsim

import (
	"hash/fnv"
	"math/rand/v2"
)

// figures are the numbers of one report revision. They satisfy the
// template's consistency rules (report-format.md §6: B1, B2, B3, C1), so an
// extractor run on a simulated report finds no violation.
type figures struct {
	// tableB[row][col]: rows in template order (T2021: 25 rows, T2019: 23),
	// cols 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
	tableB [][7]int
	// tableC: 行政复议, 未经复议直接起诉, 复议后起诉 × 结果维持, 结果纠正,
	// 其他结果, 尚未审结, 总计.
	tableC [15]int
	// Table A cells, in the order the template prints them.
	regulations [6]int // T2021: 规章/行政规范性文件 × 制发, 废止, 现行有效
	licences    int
	penalties   int
	coercions   int
	fees        float64 // 万元
}

// newFigures draws the figures of (host, item, revision) deterministically.
// outcomes is the number of 办理结果 rows (20 for T2021, 18 for T2019).
func newFigures(host string, id, rev, outcomes int) figures {
	h := fnv.New64a()
	h.Write([]byte(host))
	rng := rand.New(rand.NewPCG(h.Sum64(), uint64(id)<<8|uint64(rev)))
	small := func(max int) int {
		if rng.IntN(3) > 0 {
			return 0
		}
		return rng.IntN(max + 1)
	}
	rows := outcomes + 4 // 一, 二, outcomes, （七）总计, 四
	f := figures{tableB: make([][7]int, rows)}
	for c := 0; c < 6; c++ {
		maxOut := 3
		if c == 0 {
			maxOut = 40 + rev
		}
		total := 0
		for r := 2; r < 2+outcomes; r++ {
			v := small(maxOut)
			if r == 2 && c == 0 {
				v = 5 + rng.IntN(60) + rev
			}
			f.tableB[r][c] = v
			total += v
		}
		f.tableB[rows-2][c] = total
		carryNext := small(4)
		f.tableB[rows-1][c] = carryNext
		carryPrev := rng.IntN(total + carryNext + 1)
		if rng.IntN(2) == 0 {
			carryPrev = 0
		}
		f.tableB[1][c] = carryPrev
		f.tableB[0][c] = total + carryNext - carryPrev
	}
	for r := range f.tableB {
		sum := 0
		for c := 0; c < 6; c++ {
			sum += f.tableB[r][c]
		}
		f.tableB[r][6] = sum
	}
	for g := 0; g < 3; g++ {
		sum := 0
		for k := 0; k < 4; k++ {
			v := small(3)
			f.tableC[g*5+k] = v
			sum += v
		}
		f.tableC[g*5+4] = sum
	}
	for i := range f.regulations {
		f.regulations[i] = rng.IntN(30)
	}
	f.regulations[2] += 100
	f.regulations[5] += 300
	f.licences = 500 + rng.IntN(20000)
	f.penalties = rng.IntN(3000)
	f.coercions = rng.IntN(50)
	f.fees = float64(rng.IntN(9000000)) / 1000
	return f
}
