#!/usr/bin/env python3
"""Generates the document fixtures of extract's document tests.

report.html is a small T2021 report written for these tests. Headless
Chromium prints it to report.pdf, and a copy with a spacer that pushes
table 三 across a page break to split.pdf, and a copy whose tables
have no borders (columns only from the gaps between cells) to
borderless.pdf; scan.html (one picture of a
page, no text) becomes scan.pdf, and pages200.html a 200-page PDF for the
page limit. report.docx holds the same tables as
OOXML with merged cells (gridSpan, vMerge), report.xlsx the same in
sheets with merged ranges, report.ofd the text and table 四 placed on
an OFD page with ruling lines. Run from this directory:

    python3 gen.py     # needs chromium (and fonts-noto-cjk) on PATH
"""
import io, subprocess, zipfile, zlib, struct, base64

ACTIVE = [("规章", 1, 0, 11), ("行政规范性文件", 8, 2, 66)]
COLS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
# (group, subgroup, label, natural person, commercial, research, welfare, legal, other)
REQ = [
    ("一、本年新收政府信息公开申请数量", None, None, [30, 5, 0, 1, 2, 1]),
    ("二、上年结转政府信息公开申请数量", None, None, [2, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（一）予以公开", None, [15, 3, 0, 1, 1, 0]),
    ("三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None, [3, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", [0, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开", [1, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（三）不予公开", "3.危及“三安全一稳定”", [0, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（三）不予公开", "4.保护第三方合法权益", [1, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（三）不予公开", "5.属于三类内部事务信息", [0, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（三）不予公开", "6.属于四类过程性信息", [2, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（三）不予公开", "7.属于行政执法案卷", [0, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（三）不予公开", "8.属于行政查询事项", [0, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息", [6, 1, 0, 0, 1, 1]),
    ("三、本年度办理结果", "（四）无法提供", "2.没有现成信息需要另行制作", [1, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（四）无法提供", "3.补正后申请内容仍不明确", [0, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（五）不予处理", "1.信访举报投诉类申请", [1, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（五）不予处理", "2.重复申请", [0, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（五）不予处理", "3.要求提供公开出版物", [0, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（五）不予处理", "4.无正当理由大量反复申请", [0, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息", [0, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", [1, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", [0, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（六）其他处理", "3.其他", [0, 1, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（七）总计", None, [31, 5, 0, 1, 2, 1]),
    ("四、结转下年度继续办理", None, None, [1, 0, 0, 0, 0, 0]),
]
REVIEWS = [3, 1, 0, 1, 5, 2, 0, 1, 0, 3, 1, 0, 0, 0, 1]

def rowvals(v):
    return v + [sum(v)]

def html(spacer="", border="1px solid #000"):
    h = ['<!doctype html><html><head><meta charset="utf-8"><title>某某县人民政府2023年政府信息公开工作年度报告</title>',
         '<style>body{font-family:"Noto Sans CJK SC";font-size:12px;margin:0}table{border-collapse:collapse}td{border:' + border + ';padding:2px 4px}'
         '.n{text-align:right}h1{font-size:22px;text-align:center}</style></head><body>',
         '<h1>某某县人民政府<br>2023年政府信息公开工作年度报告</h1>',
         '<p>本报告由某某县人民政府办公室编制。报告所列统计期限自2023年1月1日至2023年12月31日。</p>',
         '<p>一、总体情况</p><p>2023年，本县共收到政府信息公开申请39件。行政复议5件，行政诉讼4件。</p>',
         '<p>二、主动公开政府信息情况</p><table>',
         '<tr><td colspan="4">第二十条第（一）项</td></tr><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>']
    for name, a, b, c in ACTIVE:
        h.append(f'<tr><td>{name}</td><td class="n">{a}</td><td class="n">{b}</td><td class="n">{c}</td></tr>')
    h.append('<tr><td colspan="4">第二十条第（五）项</td></tr><tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>'
             '<tr><td>行政许可</td><td colspan="3" class="n">120</td></tr></table>')
    h.append(spacer)
    h.append('<p>三、收到和处理政府信息公开申请情况</p><table>'
             '<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>'
             '<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>'
             '<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>')
    groups = {}
    for g, s, l, v in REQ:
        groups.setdefault(g, []).append((s, l, v))
    for g, items in groups.items():
        subs = {}
        for s, l, v in items:
            subs.setdefault(s, []).append((l, v))
        first = True
        for s, ls in subs.items():
            sfirst = True
            for l, v in ls:
                cells = ""
                if first:
                    if s is None:
                        cells += f'<td colspan="3">{g}</td>'
                    else:
                        cells += f'<td rowspan="{len(items)}">{g}</td>'
                    first = False
                if s is not None and sfirst:
                    cells += f'<td rowspan="{len(ls)}"' + (' colspan="2"' if l is None else '') + f'>{s}</td>'
                    sfirst = False
                if l is not None:
                    cells += f'<td>{l}</td>'
                cells += "".join(f'<td class="n">{x}</td>' for x in rowvals(v))
                h.append(f'<tr>{cells}</tr>')
    h.append('</table><p>四、政府信息公开行政复议、行政诉讼情况</p><table>'
             '<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>'
             '<tr><td rowspan="2">结果维持</td><td rowspan="2">结果纠正</td><td rowspan="2">其他结果</td><td rowspan="2">尚未审结</td><td rowspan="2">总计</td>'
             '<td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr><tr>' +
             "".join(f'<td>{x}</td>' for x in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2) + '</tr><tr>' +
             "".join(f'<td class="n">{x}</td>' for x in REVIEWS) + '</tr></table>')
    h.append('<p>五、存在的主要问题及改进情况</p><p>解读质量仍需提升。</p><p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p></body></html>')
    return "\n".join(h)

def png(w, h):
    raw = b"".join(b"\x00" + bytes([(x * 7 + y * 3) % 256 for x in range(w)]) for y in range(h))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")

def chromium(src, dst):
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--no-pdf-header-footer", "--print-to-pdf=" + dst, src], check=True, capture_output=True)

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

def wp(text, size=None):
    rpr = f'<w:rPr><w:sz w:val="{size * 2}"/></w:rPr>' if size else ""
    return f'<w:p><w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'

def wtc(text, span=1, vmerge=None):
    pr = ""
    if span > 1:
        pr += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        pr += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        pr += '<w:vMerge/>'
    return f'<w:tc><w:tcPr>{pr}</w:tcPr>{wp(text) if vmerge != "continue" else "<w:p/>"}</w:tc>'

def docx():
    b = [wp("某某县人民政府", 22), wp("2023年政府信息公开工作年度报告", 22),
         wp("本报告由某某县人民政府办公室编制。报告所列统计期限自2023年1月1日至2023年12月31日。", 16),
         wp("一、总体情况", 16), wp("2023年，本县共收到政府信息公开申请39件。行政复议5件，行政诉讼4件。", 16),
         wp("二、主动公开政府信息情况", 16), "<w:tbl>",
         "<w:tr>" + wtc("第二十条第（一）项", 4) + "</w:tr>",
         "<w:tr>" + "".join(wtc(x) for x in ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]) + "</w:tr>"]
    for name, a, c, d in ACTIVE:
        b.append("<w:tr>" + "".join(wtc(str(x)) for x in [name, a, c, d]) + "</w:tr>")
    b.append("<w:tr>" + wtc("第二十条第（五）项", 4) + "</w:tr><w:tr>" + wtc("信息内容") + wtc("本年处理决定数量", 3) + "</w:tr>"
             "<w:tr>" + wtc("行政许可") + wtc("120", 3) + "</w:tr></w:tbl>")
    b.append(wp("三、收到和处理政府信息公开申请情况", 16) + "<w:tbl>")
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    b.append("<w:tr>" + wtc(note, 3, "restart") + wtc("申请人情况", 7) + "</w:tr>")
    b.append("<w:tr>" + wtc("", 3, "continue") + wtc("自然人", 1, "restart") + wtc("法人或其他组织", 5) + wtc("总计", 1, "restart") + "</w:tr>")
    b.append("<w:tr>" + wtc("", 3, "continue") + wtc("", 1, "continue") + "".join(wtc(x) for x in COLS[1:6]) + wtc("", 1, "continue") + "</w:tr>")
    prev_g, prev_s = None, None
    for g, s, l, v in REQ:
        cells = ""
        if s is None:
            cells += wtc(g, 3)
        else:
            cells += wtc(g, 1, "restart" if g != prev_g else "continue")
            if l is None:
                cells += wtc(s, 2)
            else:
                cells += wtc(s, 1, "restart" if s != prev_s else "continue") + wtc(l)
        cells += "".join(wtc(str(x)) for x in rowvals(v))
        b.append("<w:tr>" + cells + "</w:tr>")
        prev_g, prev_s = g, s
    b.append("</w:tbl>" + wp("四、政府信息公开行政复议、行政诉讼情况", 16) + "<w:tbl>")
    b.append("<w:tr>" + wtc("行政复议", 5) + wtc("行政诉讼", 10) + "</w:tr>")
    b.append("<w:tr>" + "".join(wtc(x, 1, "restart") for x in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]) +
             wtc("未经复议直接起诉", 5) + wtc("复议后起诉", 5) + "</w:tr>")
    b.append("<w:tr>" + "".join(wtc("", 1, "continue") for _ in range(5)) +
             "".join(wtc(x) for x in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2) + "</w:tr>")
    b.append("<w:tr>" + "".join(wtc(str(x)) for x in REVIEWS) + "</w:tr></w:tbl>")
    b.append(wp("五、存在的主要问题及改进情况", 16) + wp("解读质量仍需提升。", 16) + wp("六、其他需要报告的事项", 16) + wp("本年度未收取信息处理费。", 16))
    doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>' + "".join(b) + "</w:body></w:document>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", doc)
    return buf.getvalue()

def col(n):
    s = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s

def sheet(rows, merges):
    """rows: lists of values (None for an empty cell); merges: (r0, c0, r1, c1), 0-based."""
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for r, row in enumerate(rows):
        out.append(f'<row r="{r + 1}">')
        for c, v in enumerate(row):
            ref = f"{col(c)}{r + 1}"
            if v is None:
                continue
            if isinstance(v, int):
                out.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                out.append(f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>')
        out.append("</row>")
    out.append("</sheetData>")
    if merges:
        out.append(f'<mergeCells count="{len(merges)}">' + "".join(
            f'<mergeCell ref="{col(c0)}{r0 + 1}:{col(c1)}{r1 + 1}"/>' for r0, c0, r1, c1 in merges) + "</mergeCells>")
    out.append("</worksheet>")
    return "".join(out)

def xlsx():
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    s2 = [["二、主动公开政府信息情况", None, None, None], ["第二十条第（一）项", None, None, None],
          ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]] + [[n, a, b, c] for n, a, b, c in ACTIVE] + \
         [["第二十条第（五）项", None, None, None], ["信息内容", "本年处理决定数量", None, None], ["行政许可", 120, None, None]]
    m2 = [(0, 0, 0, 3), (1, 0, 1, 3), (5, 0, 5, 3), (6, 1, 6, 3), (7, 1, 7, 3)]
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    s3 = [["三、收到和处理政府信息公开申请情况"] + [None] * 9,
          [note, None, None, "申请人情况"] + [None] * 6,
          [None, None, None, "自然人", "法人或其他组织", None, None, None, None, "总计"],
          [None, None, None, None] + COLS[1:6] + [None]]
    m3 = [(0, 0, 0, 9), (1, 0, 3, 2), (1, 3, 1, 9), (2, 3, 3, 3), (2, 4, 2, 8), (2, 9, 3, 9)]
    r = 4
    groups = {}
    for g, s_, l, v in REQ:
        groups.setdefault(g, []).append((s_, l, v))
    for g, items in groups.items():
        g0 = r
        subs = {}
        for s_, l, v in items:
            subs.setdefault(s_, []).append((l, v))
        for s_, ls in subs.items():
            s0 = r
            for l, v in ls:
                if s_ is None:
                    s3.append([g, None, None] + rowvals(v))
                    m3.append((r, 0, r, 2))
                elif l is None:
                    s3.append([g, s_, None] + rowvals(v))
                    m3.append((r, 1, r, 2))
                else:
                    s3.append([g, s_, l] + rowvals(v))
                r += 1
            if s_ is not None and l is not None and r - s0 > 1:
                m3.append((s0, 1, r - 1, 1))
        if r - g0 > 1:
            m3.append((g0, 0, r - 1, 0))
    s4 = [["四、政府信息公开行政复议、行政诉讼情况"] + [None] * 14,
          ["行政复议"] + [None] * 4 + ["行政诉讼"] + [None] * 9,
          heads + ["未经复议直接起诉"] + [None] * 4 + ["复议后起诉"] + [None] * 4,
          [None] * 5 + heads * 2, REVIEWS]
    m4 = [(0, 0, 0, 14), (1, 0, 1, 4), (1, 5, 1, 14), (2, 5, 2, 9), (2, 10, 2, 14)] + [(2, c, 3, c) for c in range(5)]
    s1 = [["某某县人民政府2023年政府信息公开工作年度报告"], ["本报告由某某县人民政府办公室编制。报告所列统计期限自2023年1月1日至2023年12月31日。"],
          ["一、总体情况"], ["2023年，本县共收到政府信息公开申请39件。行政复议5件，行政诉讼4件。"]]
    sheets = [("报告", s1, []), ("表二", s2, m2), ("表三", s3, m3), ("表四", s4, m4)]
    ns = "http://schemas.openxmlformats.org"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", f'<?xml version="1.0"?><Types xmlns="{ns}/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
                   "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                           for i in range(len(sheets))) + '</Types>')
        z.writestr("_rels/.rels", f'<?xml version="1.0"?><Relationships xmlns="{ns}/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook xmlns="{ns}/spreadsheetml/2006/main" xmlns:r="{ns}/officeDocument/2006/relationships"><sheets>' +
                   "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, (n, _, _) in enumerate(sheets)) + '</sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0"?><Relationships xmlns="{ns}/package/2006/relationships">' +
                   "".join(f'<Relationship Id="rId{i + 1}" Type="{ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
                           for i in range(len(sheets))) + '</Relationships>')
        for i, (_, rows, merges) in enumerate(sheets):
            z.writestr(f"xl/worksheets/sheet{i + 1}.xml", sheet(rows, merges))
    return buf.getvalue()

def ofd():
    """Text and table 四 of the report, placed in millimetres on one A4 page."""
    objs = []
    oid = [0]
    def text(x, y, size, t):
        oid[0] += 1
        w = size * len(t)
        objs.append(f'<ofd:TextObject ID="{oid[0]}" Boundary="{x} {y} {w} {size * 1.2}" Font="1" Size="{size}">'
                    f'<ofd:TextCode X="0" Y="{size}" DeltaX="g {len(t) - 1} {size}">{t}</ofd:TextCode></ofd:TextObject>')
    def line(x, y, w, h):
        oid[0] += 1
        objs.append(f'<ofd:PathObject ID="{oid[0]}" Boundary="{x} {y} {w} {h}" LineWidth="0.2"><ofd:AbbreviatedData>M 0 0 L {w} {h}</ofd:AbbreviatedData></ofd:PathObject>')
    text(60, 20, 6, "某某县人民政府")
    text(35, 28, 6, "2023年政府信息公开工作年度报告")
    y = 45
    for t in ["一、总体情况", "2023年，本县共收到政府信息公开申请39件。行政复议5件，行政诉讼4件。",
              "四、政府信息公开行政复议、行政诉讼情况"]:
        text(15, y, 3.5, t)
        y += 7
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    # cells: (row, col, rowspan, colspan, text)
    cells = [(0, 0, 1, 5, "行政复议"), (0, 5, 1, 10, "行政诉讼")]
    cells += [(1, c, 2, 1, h) for c, h in enumerate(heads)]
    cells += [(1, 5, 1, 5, "未经复议直接起诉"), (1, 10, 1, 5, "复议后起诉")]
    cells += [(2, 5 + c, 1, 1, h) for c, h in enumerate(heads * 2)]
    cells += [(3, c, 1, 1, str(v)) for c, v in enumerate(REVIEWS)]
    x0, y0, cw, rh = 15, y, 12, 8
    for r, c, rs, cs, t in cells:
        x, yy, w, h = x0 + c * cw, y0 + r * rh, cs * cw, rs * rh
        line(x, yy, w, 0.2); line(x, yy + h, w, 0.2); line(x, yy, 0.2, h); line(x + w, yy, 0.2, h)
        size = 2.5
        text(x + (w - size * len(t)) / 2, yy + (h - size * 1.2) / 2, size, t)
    y = y0 + 4 * rh + 8
    for t in ["五、存在的主要问题及改进情况", "解读质量仍需提升。"]:
        text(15, y, 3.5, t)
        y += 7
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {ns} Version="1.0" DocType="OFD"><ofd:DocBody>'
                   '<ofd:DocInfo><ofd:DocID>nianbao-fixture</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
        z.writestr("Doc_0/Document.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {ns}><ofd:CommonData><ofd:MaxUnitID>{oid[0]}</ofd:MaxUnitID>'
                   '<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData>'
                   '<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>')
        z.writestr("Doc_0/Pages/Page_0/Content.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {ns}><ofd:Content><ofd:Layer ID="0">'
                   + "".join(objs) + '</ofd:Layer></ofd:Content></ofd:Page>')
    return buf.getvalue()

if __name__ == "__main__":
    open("report.html", "w").write(html())
    open("split.html", "w").write(html('<div style="height:520px"></div>'))
    open("borderless.html", "w").write(html(border="none"))
    img = base64.b64encode(png(120, 160)).decode()
    open("scan.html", "w").write(f'<!doctype html><html><body style="margin:0"><img src="data:image/png;base64,{img}" style="width:500px"></body></html>')
    open("pages200.html", "w").write('<!doctype html><html><head><meta charset="utf-8"></head><body>' + "".join(
        f'<p style="page-break-after:always">正文第{i + 1}段</p>' for i in range(200)) + "</body></html>")
    for n in ["report", "split", "borderless", "scan", "pages200"]:
        chromium(n + ".html", n + ".pdf")
    open("report.docx", "wb").write(docx())
    open("report.xlsx", "wb").write(xlsx())
    open("report.ofd", "wb").write(ofd())
