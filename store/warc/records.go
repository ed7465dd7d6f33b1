package warc

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/google/uuid"
	gowarc "github.com/nlnwa/gowarc/v3"

	"github.com/nianbao/nianbao/store"
)

// Content types of the record blocks.
const (
	httpResponseType = "application/http;msgtype=response"
	httpRequestType  = "application/http;msgtype=request"
	// warcinfoFormat is the warcinfo "format" field the WARC 1.1 spec suggests.
	warcinfoFormat = "WARC File Format 1.1"
	warcSpecURL    = "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"
)

// recordID is the urn:uuid of one record: a name-based UUID of the export's
// namespace, the record's kind and the version id.
func (e *exporter) recordID(kind, vid string) string {
	return uuid.NewSHA1(e.ns, []byte(kind+"/"+vid)).URN()
}

// warcDate formats a WARC-Date: UTC, whole seconds.
func warcDate(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// captureURI is the URI that produced a version's body: the final URL
// after redirects, or the requested URL when the archive has none.
func captureURI(v store.Version) string {
	if v.FinalURL != "" {
		return v.FinalURL
	}
	return v.URL
}

// payloadDigest is the WARC form of a body's SHA-256 (hex).
func payloadDigest(sha256Hex string) string { return "sha256:" + sha256Hex }

// builder starts a record with the fields every record of the export has.
func (e *exporter) builder(t gowarc.RecordType, id, target string, date time.Time, contentType string) gowarc.WarcRecordBuilder {
	rb := gowarc.NewRecordBuilder(t, e.recOpts...)
	rb.AddWarcHeader(gowarc.WarcRecordID, "<"+id+">")
	rb.AddWarcHeader(gowarc.WarcDate, warcDate(date))
	if target != "" {
		rb.AddWarcHeader(gowarc.WarcTargetURI, target)
	}
	if t != gowarc.Warcinfo {
		rb.AddWarcHeader(gowarc.WarcWarcinfoID, "<"+e.infoID+">")
	}
	rb.AddWarcHeader(gowarc.ContentType, contentType)
	return rb
}

// write builds the record and appends it to the file as one gzip member.
func (e *exporter) write(rb gowarc.WarcRecordBuilder) error {
	rec, findings, err := rb.Build()
	if err != nil {
		return fmt.Errorf("build record: %w", err)
	}
	defer rec.Close()
	for _, f := range findings {
		e.log.Warn("warc: record does not validate", "record", rec.RecordId(), "error", f)
	}
	n, err := e.out.member(func(w io.Writer) error {
		_, _, err := e.marshal.Marshal(w, rec, 0)
		return err
	})
	e.sum.Bytes += n
	if err != nil {
		return fmt.Errorf("write record %s: %w", rec.RecordId(), err)
	}
	return nil
}

// writeFields writes a record whose block is application/warc-fields.
func (e *exporter) writeFields(rb gowarc.WarcRecordBuilder, f fields) error {
	if _, err := rb.Write(f.bytes()); err != nil {
		rb.Close()
		return fmt.Errorf("record fields: %w", err)
	}
	return e.write(rb)
}

func (e *exporter) writeWarcinfo() error {
	now := e.opts.Now()
	rb := e.builder(gowarc.Warcinfo, e.infoID, "", now, gowarc.ApplicationWarcFields)
	if e.opts.Filename != "" {
		rb.AddWarcHeader(gowarc.WarcFilename, e.opts.Filename)
	}
	var f fields
	f.add("software", e.software)
	f.add("format", warcinfoFormat)
	f.add("conformsTo", warcSpecURL)
	f.add("description", "raw archive: every fetched version of every URL, bodies exactly as fetched")
	f.add("archive", e.s.Path())
	f.add("created", now.UTC().Format(time.RFC3339Nano))
	if err := e.writeFields(rb, f); err != nil {
		return err
	}
	e.sum.Warcinfo++
	return nil
}

// writeResponse writes a new version's body as a response record.
func (e *exporter) writeResponse(ctx context.Context, v store.Version) error {
	body, err := e.s.Body(ctx, v.SHA256)
	if unreadable(err) {
		e.skip(v, err)
		e.skipped[v.ID] = true
		return nil
	}
	if err != nil {
		return fmt.Errorf("body of version %s: %w", v.ID, err)
	}
	if err := e.writeHops(v); err != nil {
		return err
	}
	id := e.recordID("capture", v.ID)
	rb := e.builder(gowarc.Response, id, captureURI(v), v.FetchedAt, httpResponseType)
	rb.AddWarcHeader(gowarc.WarcPayloadDigest, payloadDigest(v.SHA256))
	if _, err := rb.Write(httpHead(v.Status, headersOf(v), int64(len(body)))); err != nil {
		rb.Close()
		return fmt.Errorf("response of version %s: %w", v.ID, err)
	}
	if _, err := rb.Write(body); err != nil {
		rb.Close()
		return fmt.Errorf("response of version %s: %w", v.ID, err)
	}
	if err := e.write(rb); err != nil {
		return err
	}
	e.sum.Responses++
	e.sum.PayloadBytes += int64(len(body))
	e.refs.put(v)
	if len(v.Redirects) == 0 {
		if err := e.writeRequest(v, id); err != nil {
			return err
		}
	}
	return e.writeRedirect(v, id)
}

// writeRevisit writes an unchanged or not_modified version as a revisit of
// the response that holds its body.
func (e *exporter) writeRevisit(ctx context.Context, v store.Version) error {
	ref, err := e.refs.lookup(ctx, v)
	if unreadable(err) {
		e.skip(v, err)
		return nil
	}
	if err != nil {
		return err
	}
	if e.skipped[ref.ID] {
		e.skip(v, fmt.Errorf("revisit of skipped version %s: %w", ref.ID, store.ErrCorrupt))
		return nil
	}
	if err := e.writeHops(v); err != nil {
		return err
	}
	// A 200 with the same body repeats the referenced response's head with
	// its own headers. A 304 keeps its own status line and the headers it
	// came with, and no Content-Length (it had no body): the block is the
	// revisit's "server response headers preserved" (WARC 1.1 §6.7.2); a
	// replay tool takes the payload from WARC-Refers-To.
	status, h, size := v.Status, headersOf(v), v.Size
	if v.Outcome == store.OutcomeNotModified {
		size = -1
	}
	id := e.recordID("capture", v.ID)
	rb := e.builder(gowarc.Revisit, id, captureURI(v), v.FetchedAt, httpResponseType)
	rb.AddWarcHeader(gowarc.WarcProfile, gowarc.ProfileIdenticalPayloadDigestV1_1)
	rb.AddWarcHeader(gowarc.WarcRefersTo, "<"+e.recordID("capture", ref.ID)+">")
	rb.AddWarcHeader(gowarc.WarcRefersToTargetURI, captureURI(ref))
	rb.AddWarcHeader(gowarc.WarcRefersToDate, warcDate(ref.FetchedAt))
	rb.AddWarcHeader(gowarc.WarcPayloadDigest, payloadDigest(v.SHA256))
	if _, err := rb.Write(httpHead(status, h, size)); err != nil {
		rb.Close()
		return fmt.Errorf("revisit of version %s: %w", v.ID, err)
	}
	if err := e.write(rb); err != nil {
		return err
	}
	e.sum.Revisits++
	if len(v.Redirects) == 0 {
		if err := e.writeRequest(v, id); err != nil {
			return err
		}
	}
	return e.writeRedirect(v, id)
}

// writeOutcome keeps a version without a body (gone, failed, a 304 with
// nothing in force) as a metadata record about the requested URL.
func (e *exporter) writeOutcome(v store.Version) error {
	if err := e.writeHops(v); err != nil {
		return err
	}
	var f fields
	f.add("outcome", string(v.Outcome))
	if v.Status != 0 {
		f.add("http-status", strconv.Itoa(v.Status))
	}
	if v.Reason != "" {
		f.add("reason", v.Reason)
	}
	if v.FinalURL != "" && v.FinalURL != v.URL {
		f.add("final-url", v.FinalURL)
	}
	e.addVersionFields(&f, v)
	rb := e.builder(gowarc.Metadata, e.recordID("metadata", v.ID), v.URL, v.FetchedAt, gowarc.ApplicationWarcFields)
	if err := e.writeFields(rb, f); err != nil {
		return fmt.Errorf("metadata of version %s: %w", v.ID, err)
	}
	e.sum.Metadata++
	return nil
}

// writeHops writes each redirect answer that led to v as a response
// record of the URL that gave it: its status, Location, Date, Content-Type
// and body (WARC-Truncated: length when the archive left a long body out).
// A replay tool asked for the original URL then answers with the redirect,
// as the server did.
func (e *exporter) writeHops(v store.Version) error {
	for i, hop := range v.Redirects {
		id := e.recordID("redirect", v.ID+"/"+strconv.Itoa(i))
		rb := e.builder(gowarc.Response, id, hop.URL, v.FetchedAt, httpResponseType)
		size := int64(len(hop.Body))
		if hop.BodyDropped {
			rb.AddWarcHeader(gowarc.WarcTruncated, "length")
			size = -1
		}
		h := headers{Date: hop.Date, ContentType: hop.ContentType, Location: hop.Location}
		if _, err := rb.Write(httpHead(hop.Status, h, size)); err != nil {
			rb.Close()
			return fmt.Errorf("redirect %d of version %s: %w", i, v.ID, err)
		}
		if _, err := rb.Write(hop.Body); err != nil {
			rb.Close()
			return fmt.Errorf("redirect %d of version %s: %w", i, v.ID, err)
		}
		if err := e.write(rb); err != nil {
			return err
		}
		e.sum.Responses++
		e.sum.PayloadBytes += int64(len(hop.Body))
		if i == 0 {
			if err := e.writeRequest(v, id); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeRequest writes, for a capture made by a request other than a plain
// GET (a Hanweb list page's POST), the request as a request record right
// after the response it produced (WARC-Concurrent-To), with the same
// WARC-Target-URI: the request line, Host, the body's Content-Type and
// Content-Length, then the body as sent. Replay tools pair the two and
// index the capture under the method and body, so a replayed POST finds
// its page. The archive keeps no other request header.
func (e *exporter) writeRequest(v store.Version, responseID string) error {
	if v.Method == "" {
		return nil
	}
	rb := e.builder(gowarc.Request, e.recordID("request", v.ID), v.URL, v.FetchedAt, httpRequestType)
	rb.AddWarcHeader(gowarc.WarcConcurrentTo, "<"+responseID+">")
	head, err := requestHead(v)
	if err != nil {
		rb.Close()
		return fmt.Errorf("request of version %s: %w", v.ID, err)
	}
	if _, err := rb.Write(head); err != nil {
		rb.Close()
		return fmt.Errorf("request of version %s: %w", v.ID, err)
	}
	if _, err := rb.Write(v.RequestBody); err != nil {
		rb.Close()
		return fmt.Errorf("request of version %s: %w", v.ID, err)
	}
	if err := e.write(rb); err != nil {
		return err
	}
	e.sum.Requests++
	return nil
}

// writeRedirect records, for a capture whose final URL differs from the
// requested one and whose hops the archive did not keep (versions recorded
// before it did), that the requested URL led to it.
func (e *exporter) writeRedirect(v store.Version, captureID string) error {
	if captureURI(v) == v.URL || len(v.Redirects) > 0 {
		return nil
	}
	var f fields
	f.add("outcome", string(v.Outcome))
	f.add("redirected-to", v.FinalURL)
	e.addVersionFields(&f, v)
	rb := e.builder(gowarc.Metadata, e.recordID("redirect", v.ID), v.URL, v.FetchedAt, gowarc.ApplicationWarcFields)
	rb.AddWarcHeader(gowarc.WarcRefersTo, "<"+captureID+">")
	if err := e.writeFields(rb, f); err != nil {
		return fmt.Errorf("redirect of version %s: %w", v.ID, err)
	}
	e.sum.Metadata++
	return nil
}

// addVersionFields adds what identifies a version in the archive.
func (e *exporter) addVersionFields(f *fields, v store.Version) {
	f.add("fetched-at", v.FetchedAt.UTC().Format(time.RFC3339Nano))
	if v.Portal != "" {
		f.add("portal", v.Portal)
	}
	f.add("archive-version", v.ID)
}
