// The search page of the static tree: the page was published without a query, so when the
// address has ?q=… this asks the tree's Pagefind index (/pagefind/) in the browser.
// On the live site the server already answered (results are on the page): nothing to do.
const MAX_RESULTS = 30;

function queryOf() {
  return (new URLSearchParams(window.location.search).get("q") || "").trim().slice(0, 200);
}

// Pagefind's excerpt is HTML with <mark> around the matched words: keep only text and <mark>.
function excerptNodes(html) {
  const parsed = new DOMParser().parseFromString(html, "text/html");
  const out = [];
  for (const node of parsed.body.childNodes) {
    if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.push(mark);
    } else {
      out.push(document.createTextNode(node.textContent || ""));
    }
  }
  return out;
}

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "search-result";
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = (data.meta && data.meta.title) || data.url;
  heading.append(link);
  const snippet = document.createElement("p");
  snippet.className = "snippet";
  snippet.append(...excerptNodes(data.excerpt || ""));
  item.append(heading, snippet);
  return item;
}

async function run(form, q) {
  for (const input of document.querySelectorAll('input[name="q"]')) {
    input.value = q;
  }
  const status = document.createElement("p");
  status.className = "search-count";
  status.setAttribute("role", "status");
  form.after(status);
  let pagefind;
  try {
    pagefind = await import("/pagefind/pagefind.js");
  } catch (error) {
    status.textContent = form.dataset.staticUnavailable || "";
    return;
  }
  const edition = form.dataset.edition;
  const search = await pagefind.search(q, edition ? { filters: { edition } } : {});
  const found = search ? search.results : [];
  if (!found.length) {
    status.textContent = form.dataset.staticNone || "";
    return;
  }
  status.textContent = `${form.dataset.staticFound || ""} “${q}”: ${found.length}`;
  const data = await Promise.all(found.slice(0, MAX_RESULTS).map((r) => r.data()));
  const list = document.createElement("ol");
  list.className = "search-results";
  list.append(...data.map(resultItem));
  status.after(list);
}

const form = document.querySelector("form.search-page");
const q = queryOf();
if (form && q && !document.querySelector(".search-count, .search-results")) {
  run(form, q);
}
