// Package docx reads Word documents in OOXML (.docx, and .wps files that
// are OOXML inside) into text blocks and tables (docfile.Document), with
// archive/zip and encoding/xml: no served Go library reads a .docx's
// tables with their merged cells, so the small reader is written here.
//
// word/document.xml is read as a token stream: each body paragraph (w:p)
// is a block, its text the w:t runs (w:tab and w:br as spaces) and its size
// the largest run size (w:sz, half-points); each w:tbl is a table whose
// cells are expanded — w:gridSpan repeats a cell across the columns it
// covers, w:vMerge="continue" repeats the cell above — so that spanned
// positions share an id, as rowspan and colspan do in HTML grids.
//
// Caveats: headers, footers, footnotes and comments are not read; a nested
// table's text is part of its cell; sizes inherited from styles are not
// looked up (0); the uncompressed document part is capped (MaxXML) and a
// table at MaxRows rows.
package docx
