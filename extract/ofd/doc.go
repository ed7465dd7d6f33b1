// Package ofd reads OFD documents (GB/T 33190, a zip of XML parts) into
// text blocks and tables (docfile.Document) with archive/zip and
// encoding/xml; no served Go library reads OFD, so the small reader is
// written here.
//
// OFD.xml names the document root (DocBody/DocRoot); its Document.xml lists
// the pages (Pages/Page@BaseLoc), read in that order. On each page every
// TextObject's TextCode places its characters: X and Y are the first
// character's baseline inside the object's Boundary, DeltaX the advances
// of the ones after it (with the "g N value" shorthand), Size the font
// size. Thin PathObjects are ruling lines. Characters and lines go to the
// PDF reader's layout step (pdf.Layout), so OFD text comes out in reading
// order, paragraphs joined and ruled tables rebuilt exactly as for a PDF.
//
// Caveats: templates (TemplatePage) and annotations are not read; a CTM on
// a text object is ignored (rotated text lies where it starts); DeltaY
// (vertical writing) is not followed; parts are capped at MaxPart bytes
// and documents at MaxPages pages.
package ofd
