"""Model output that tries to run code in the page. Each payload flips ``window.__pwned`` if
anything in it ever runs; the tests assert it never does."""

HOSTILE_ANSWER = "\n\n".join(
    [
        "Here is the answer you asked for.",
        "An image: <img src=x onerror=\"window.__pwned = 'img onerror'\">",
        "<script>window.__pwned = 'script'</script>",
        "[a harmless looking link](javascript:window.__pwned='markdown%20link')",
        '<svg onload="window.__pwned = \'svg onload\'"><circle r="5"></circle></svg>',
        "<a href=\"javascript:window.__pwned='raw link'\">raw link</a>",
        "![picture](javascript:window.__pwned='image%20link')",
        "<iframe src=\"javascript:window.__pwned='iframe'\"></iframe>",
        "<details open ontoggle=\"window.__pwned = 'details ontoggle'\">x</details>",
        "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__pwned='mxss'\">",
        "[data link](data:text/html,<script>window.__pwned='data'</script>)",
        "Last line.",
    ]
)

# Every element of the rendered answer, checked: no handler attribute, no element that runs or
# embeds code, no link that is not http(s) or mailto.
DANGEROUS_DOM = """(root) => {
  const embedding = ['SCRIPT', 'SVG', 'IFRAME', 'IMG', 'MATH', 'STYLE', 'OBJECT', 'EMBED'];
  const found = [];
  for (const element of root.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) found.push(`${element.tagName} ${name}`);
    }
    if (embedding.includes(element.tagName.toUpperCase())) found.push(element.tagName);
    const href = element.getAttribute('href') || element.getAttribute('src') || '';
    if (href && !/^(https?:|mailto:)/i.test(href.trim())) found.push(`${element.tagName} ${href}`);
  }
  return found;
}"""
