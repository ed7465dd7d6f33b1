// Package extract turns the raw bytes of a 政府信息公开工作年度报告 page (or
// text copied from one) into the report object described in
// shared/docs/report-schema.md: identity (agency, year, dates), the six
// sections, the national-template tables as numbers, and the template's own
// consistency checks (勾稽关系).
//
// It cleans pages first: navigation, share bars, print/close links, font
// size switches, metadata lines and mirror-site junk are removed; tables are
// kept whole. Traditional-script copies are converted to Simplified.
//
// The package works on bytes in memory; it does not fetch or store and
// imports no other nianbao package.
package extract
