"""Web pages: the text of the document a government site publishes, without the site around it.

A page of minutes on a government site wraps the document in navigation, a 索引号/发布机构/生成日期
table, share buttons, QR codes, video blocks and a footer (主办：…办公室 承办：… 网站标识码 ICP备).
The reader finds the block that holds most of the running text (the document), drops what looks like
site furniture outside it (by tag, and by class or id such as ``nav``, ``share``, ``footer``; but not
a block that holds the page's ``<h1>`` heading, the title of the document) and hidden blocks, keeps
the metadata table as ``metadata`` (with the site's 主办/承办 offices from the footer), and writes
one block of the page to a line, as a person copying the page would. Lines of furniture that carry
no class to know them by (分享：, 扫一扫在手机打开当前页面, 【打印】【关闭】) go by their wording.

>>> text, meta = read_html("p.html", '''<body><nav>首页</nav><table><tr><td>索引号：</td><td>001</td>
... <td>发布机构：</td><td>政府办</td></tr></table><h1>常务会议纪要</h1><div class="share">分享：</div>
... <div id="zoom"><p>会议听取了县财政局的汇报。</p><p>会议原则同意。</p></div>
... <div class="footer">主办：某县人民政府办公室</div></body>'''.encode())
>>> text
'常务会议纪要\\n会议听取了县财政局的汇报。\\n会议原则同意。'
>>> meta
{'索引号': '001', '发布机构': '政府办', '主办': '某县人民政府办公室'}
"""

from __future__ import annotations

import re

from loaders.errors import InputError
from loaders.genre import METADATA_KEYS
from loaders.readers.text import decode_text

BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "body", "center", "dd", "div", "dl", "dt"),
        *("figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr"),
        *("li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "tfoot", "thead", "tr", "ul"),
    }
)
CELL_TAGS = frozenset({"td", "th"})
SKIP_TAGS = frozenset(
    {
        *("audio", "button", "canvas", "embed", "form", "iframe", "input", "map", "nav", "noscript"),
        *("object", "script", "select", "style", "svg", "template", "textarea", "video"),
    }
)
FURNITURE_TAGS = frozenset({"header", "footer", "aside"})
FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:nav\w*|menu\w*|breadcrumbs?|crumbs?|position|location|share\w*|bdshare\w*|jiathis|"
    r"social|qr\w*|ewm|erweima|print\w*|toolbar|tools?|foot\w*|bottom|copyright|header|head|top|topbar|"
    r"banner|logo|search\w*|sidebar|side|related|xgwz|xglj|friendlinks?|links|video\w*|player|fontsize|"
    r"zihao|skip)(?=$|[\s_-])",
    re.IGNORECASE,
)
INSIDE_SHARE = 0.1
"""Inside the document, a furniture-looking block goes only if it holds less than this share of it."""

MIN_BLOCK = 10
"""Blocks with less text of their own do not count towards finding the document (menus, buttons)."""

COUNTER_LABELS = frozenset({"浏览次数", "点击数", "访问量", "字号"})
"""Labels that end the value before them but are page furniture, not metadata of the document."""
_LABEL = re.compile(
    "("
    + "|".join(r"\s*".join(label) for label in sorted(METADATA_KEYS, key=len, reverse=True))
    + r")\s*[:：]"
)
_BARE_LABEL = re.compile("^(" + "|".join(METADATA_KEYS) + ")[:：]?$")
_OTHER_LABEL = re.compile(r"^([\u4e00-\u9fff]{2,6})[:：]\s*(.*)$")
"""Inside a metadata block, any short label with a colon (名称：, 文件编号：) is one too."""
METADATA_MAX_CHARS = 600
"""A metadata table is short; a longer block with two labels in it is the document quoting them."""

_BUTTON = (
    r"[【\[]?\s*(?:打印|关闭|收藏|打印本页|关闭窗口|关闭本页|打印文章|我要打印|返回顶部|回到顶部|我要纠错)"
    r"\s*[】\]]?"
)
FURNITURE_LINES = re.compile(
    "|".join(
        (
            r"^(?:分享(?:到)?|微信扫一扫)[:：]",
            r"^(?:主办|承办|协办|主办单位|承办单位|技术支持|运维单位)[:：]",
            r"^(?:您(?:当前)?的位置|当前位置)[:：]",
            r"^【?(?:字号|字体)[:：]",
            r"^(?:上一篇|下一篇)[:：]",
            r"^(?:视频新闻|相关链接|相关阅读|相关文章)[:：]?$",
            r"^(?:返回上一页|返回列表)$",
            rf"^(?:{_BUTTON}\s*)+$",
            r"扫一扫|在手机(?:上)?(?:打开|查看)当前页|分享给您的微信好友",
            r"网站标识码|ICP备|公网安备|版权所有|Copyright|©|浏览器不支持",
        )
    )
)
FURNITURE_LINE_MAX = 80
"""Only lines this short are judged by wording: a sentence of the document is never dropped so."""

_SPACE = re.compile(r"[ \t\n\r\f\xa0]+")

MAX_DEPTH = 1_000
"""Deepest nesting of elements read. Pages of minutes nest a few dozen levels; the HTML parser's
work grows with the square of the depth (80,000 levels took 41 s), so deeper is refused unparsed."""

_TAG = re.compile(r"<(/?)([a-zA-Z][^\s/>]*)[^>]*?(/?)>")
_NOT_NESTING = frozenset(
    {
        *("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track"),
        *("wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup"),
        *("colgroup", "caption", "rb", "rt", "rp", "rtc", "html", "head", "body"),
    }
)
"""Elements that hold nothing (``<br>``) or close themselves at the next of their kind (``<p>``,
``<li>``, ``<td>``): a page that leaves them open is not nested by them."""


def read_html(path, data: bytes) -> tuple[str, dict[str, str]]:
    """A web page: the document's text, one block to a line, and the page's metadata table."""
    from selectolax.lexbor import LexborHTMLParser

    html = decode_text(path, data)
    depth = nesting_depth(html)
    if depth > MAX_DEPTH:
        raise InputError(
            path, f"HTML nested {depth:,} elements deep (more than {MAX_DEPTH:,}): not a page of minutes"
        )
    tree = LexborHTMLParser(html)
    root = tree.body or tree.root
    if root is None:
        return "", {}
    main = _main_block(root)
    metadata: dict[str, str] = {}
    skip = set()
    for table in _metadata_blocks(root, main):
        metadata.update(_pairs(_render(table, set(), None, cells_as_lines=True)))
        skip.add(table.mem_id)
    metadata.update(_site_owner(root))
    lines = _render(root, skip, main)
    return "\n".join(line for line in lines if not _is_furniture_line(line)), metadata


def nesting_depth(html: str) -> int:
    """How deep the elements of ``html`` nest at most, from its tags alone (a linear scan, before
    any parsing): each open tag of an element that nests adds a level, its close tag ends it.

    >>> nesting_depth("<div><p>一<p>二<div><b>三</b></div></div><br>"), nesting_depth("<span>" * 5)
    (3, 5)
    """
    depth = deepest = 0
    for closing, name, self_closing in _TAG.findall(html):
        if name.lower() in _NOT_NESTING or self_closing:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def _render(root, skip: set[int], main, cells_as_lines: bool = False) -> list[str]:
    """The text under ``root``, one block (or table cell) to a line, without furniture and ``skip``."""
    keep = _ancestry(main)
    main_chars = len(main.text(deep=True)) if main is not None else 0
    parts: list[str] = []
    stack = [(root, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            parts.append("\n")
            continue
        tag = node.tag
        if tag == "-text":
            parts.append(node.text_content or "")
            continue
        if tag == "br":
            parts.append("\n")
        if node.mem_id in skip or not node.is_element_node or tag in SKIP_TAGS or _hidden(node):
            continue
        if main is not None and node.mem_id not in keep and _is_furniture(node, main, main_chars):
            continue
        if tag in CELL_TAGS and not cells_as_lines:
            parts.append(" ")
        if tag in BLOCK_TAGS or (cells_as_lines and tag in CELL_TAGS):
            parts.append("\n")
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))
    lines = (_SPACE.sub(" ", line).strip(" \u3000") for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


def _is_furniture(node, main, main_chars: int) -> bool:
    """Site furniture by tag or by class/id; inside the document only when it is a small part of it."""
    attrs = node.attributes
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    if node.tag not in FURNITURE_TAGS and not FURNITURE.search(names):
        return False
    if not _inside(node, main):
        return not any(h1.text(strip=True) and not h1.css_first("a") for h1 in node.css("h1"))
    return len(node.text(deep=True)) < INSIDE_SHARE * main_chars


def _hidden(node) -> bool:
    """Hidden by the page itself (``hidden``, ``display:none``): no reader of the page sees it."""
    attrs = node.attributes
    style = (attrs.get("style") or "").replace(" ", "").lower()
    return "hidden" in attrs or "display:none" in style


def _main_block(root):
    """The block that holds the running text: each block's own text counts for it and its parent.

    Text is summed per block before the threshold, so a paragraph that Word's HTML export cut into
    many short ``<span>`` runs counts in full, and a menu of short links does not count.
    """
    own: dict[int, int] = {}
    nodes: dict[int, object] = {}
    for node in root.traverse(include_text=True):
        if node.tag != "-text":
            continue
        block = node.parent
        while block is not None and block.tag not in BLOCK_TAGS and block.tag not in CELL_TAGS:
            block = block.parent
        if block is not None:
            own[block.mem_id] = own.get(block.mem_id, 0) + len((node.text_content or "").strip())
            nodes[block.mem_id] = block
    scores: dict[int, int] = {}
    for key, chars in own.items():
        if chars >= MIN_BLOCK:
            parent = nodes[key].parent
            for target in (nodes[key], parent) if parent is not None else (nodes[key],):
                scores[target.mem_id] = scores.get(target.mem_id, 0) + chars
                nodes[target.mem_id] = target
    if not scores:
        return None
    best = max(scores, key=lambda key: (scores[key], len(_ancestry(nodes[key]))))
    return nodes[best]


def _ancestry(node) -> set[int]:
    """``node`` and every node above it, by ``mem_id``."""
    out = set()
    while node is not None:
        out.add(node.mem_id)
        node = node.parent
    return out


def _inside(node, main) -> bool:
    return main.mem_id in _ancestry(node)


def _metadata_blocks(root, main) -> list:
    """The largest short blocks that hold two or more metadata labels (索引号, 发布机构 …).

    Labels are found in text nodes and counted up the tree, so the page is walked once.
    """
    labels: dict[int, set[str]] = {}
    nodes: dict[int, object] = {}
    for node in root.traverse(include_text=True):
        found = _labels_in(node.text_content or "") if node.tag == "-text" else None
        parent = node.parent if found else None
        while parent is not None and parent.tag not in ("html", "body"):
            labels.setdefault(parent.mem_id, set()).update(found)
            nodes[parent.mem_id] = parent
            parent = parent.parent
    holds_main = _ancestry(main)
    blocks = {
        key: node
        for key, node in nodes.items()
        if len(labels[key]) >= 2 and key not in holds_main and len(node.text()) <= METADATA_MAX_CHARS
    }
    return [node for key, node in blocks.items() if not (_ancestry(node.parent) & blocks.keys())]


def _labels_in(text: str) -> set[str]:
    """Metadata labels in the text of one node: ``索引号：`` anywhere in it, or the bare label alone."""
    squeezed = _SPACE.sub("", text).replace("\u3000", "")
    bare = _BARE_LABEL.match(squeezed)
    return {bare.group(1)} if bare else {m.group(1) for m in _LABEL.finditer(squeezed)}


def _pairs(lines: list[str]) -> dict[str, str]:
    """``label: value`` pairs from the lines of a metadata block, labels without spaces or colon.

    >>> _pairs(["索 引 号： 001 发布机构：政府办", "生成日期", "2025-11-14", "文号：", "名 称：", "纪要"])
    {'索引号': '001', '发布机构': '政府办', '生成日期': '2025-11-14', '名称': '纪要'}
    """
    out: dict[str, str] = {}
    pending = None
    for line in lines:
        squeezed = line.replace(" ", "").replace("\u3000", "")
        bare = _BARE_LABEL.match(squeezed)
        other = _OTHER_LABEL.match(squeezed)
        if bare or (other and not other.group(2)):
            pending = (bare or other).group(1)
            continue
        hits = list(_LABEL.finditer(line))
        if other and not hits and not pending:
            out[other.group(1)] = line.split("：" if "：" in line else ":", 1)[1].strip()
        if pending and (not hits or hits[0].start() > 0):
            out[pending] = line[: hits[0].start() if hits else len(line)].strip()
        pending = None
        for i, hit in enumerate(hits):
            end = hits[i + 1].start() if i + 1 < len(hits) else len(line)
            out[re.sub(r"\s", "", hit.group(1))] = line[hit.end() : end].strip()
    return {label: value for label, value in out.items() if value and label not in COUNTER_LABELS}


_OWNER = re.compile(
    r"(主办|承办)(?:单位)?\s*[:：]\s*([^\s|｜:：]+?)(?=\s|\||｜|承办|协办|地址|电话|联系|邮编|网站|$)"
)


def _site_owner(root) -> dict[str, str]:
    """The site's 主办/承办 offices from its footer: the text is dropped, but who runs the site is
    evidence of whose minutes these are (a county's site publishes the county government's)."""
    owner: dict[str, str] = {}
    for node in root.traverse(include_text=True):
        if node.tag == "-text" and "办" in (node.text_content or ""):
            for m in _OWNER.finditer(node.text_content):
                owner.setdefault(m[1], m[2])
    return owner


def _is_furniture_line(line: str) -> bool:
    return len(line) <= FURNITURE_LINE_MAX and bool(FURNITURE_LINES.search(line))
