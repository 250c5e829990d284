// The API reference page's renderer: fetches ./openapi.json and builds the
// page with DOM calls (text nodes only, so nothing in the document can inject
// markup). Self-contained: no CDN, no library.
export const REFERENCE_SCRIPT = String.raw`
(function () {
  "use strict";
  var METHODS = ["get", "post", "put", "patch", "delete"];
  var doc = null;

  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) for (var k in attrs) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "cls") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  // Descriptions use backticks for code; render those as <code>, the rest as text.
  function prose(text, tag) {
    var node = el(tag || "p", { cls: "desc" });
    String(text || "").split("\u0060").forEach(function (part, i) {
      node.appendChild(i % 2 ? el("code", { text: part }) : document.createTextNode(part));
    });
    return node;
  }

  function slug(s) { return String(s).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""); }
  function opId(method, path) { return "op-" + method + "-" + slug(path); }
  function refName(ref) { return decodeURIComponent(String(ref).split("/").pop()); }

  function resolve(ref) {
    if (String(ref).indexOf("#/") !== 0) return null;
    return String(ref).slice(2).split("/").reduce(function (node, key) {
      return node && node[key.replace(/~1/g, "/").replace(/~0/g, "~")];
    }, doc);
  }

  function typeLabel(s) {
    if (!s || typeof s !== "object") return "any";
    if (s.$ref) return refName(s.$ref);
    if (s.const !== undefined) return JSON.stringify(s.const);
    var alts = s.anyOf || s.oneOf;
    if (alts) return alts.map(typeLabel).join(" | ");
    if (s.allOf) return s.allOf.map(typeLabel).join(" & ");
    var t = Array.isArray(s.type) ? s.type.join(" | ") : (s.type || (s.properties ? "object" : "any"));
    if (t === "array" || (Array.isArray(s.type) && s.type.indexOf("array") >= 0)) t = t.replace("array", "array of " + typeLabel(s.items));
    if (s.format) t += " (" + s.format + ")";
    if (s.nullable) t += " | null";
    return t;
  }

  function constraints(s) {
    var out = [];
    [["minLength", "min length"], ["maxLength", "max length"], ["minimum", "≥"], ["maximum", "≤"], ["minItems", "min items"], ["maxItems", "max items"], ["pattern", "pattern"], ["default", "default"]]
      .forEach(function (c) { if (s[c[0]] !== undefined) out.push(c[1] + " " + JSON.stringify(s[c[0]])); });
    return out.join(", ");
  }

  function typeNode(s) {
    if (s && s.$ref) return el("a", { cls: "type", href: "#schema-" + slug(refName(s.$ref)), text: refName(s.$ref) });
    return el("span", { cls: "type", text: typeLabel(s) });
  }

  function details(s) {
    var frag = document.createDocumentFragment();
    if (!s || typeof s !== "object") return frag;
    if (s.description) frag.appendChild(prose(s.description, "div"));
    if (Array.isArray(s.enum)) {
      var e = el("div", { cls: "enum" }, el("span", { cls: "desc", text: "one of " }));
      s.enum.forEach(function (v) { e.appendChild(el("code", { text: JSON.stringify(v) })); });
      frag.appendChild(e);
    }
    var c = constraints(s);
    if (c) frag.appendChild(el("div", { cls: "desc", text: c }));
    return frag;
  }

  // The nested structure under a schema (properties, items, alternatives); $refs link instead of expanding.
  function children(s, depth) {
    if (!s || typeof s !== "object" || s.$ref || depth > 8) return null;
    var list = el("ul", { cls: "schema" });
    var alts = s.anyOf || s.oneOf || s.allOf;
    if (alts && alts.some(function (a) { return a && (a.properties || a.$ref || a.items); })) {
      alts.forEach(function (a, i) {
        list.appendChild(el("li", null, el("span", { cls: "desc", text: (s.allOf ? "and " : "variant " + (i + 1) + ": ") }), typeNode(a), details(a), children(a, depth + 1)));
      });
      return list;
    }
    if (s.properties) {
      var required = s.required || [];
      Object.keys(s.properties).forEach(function (name) {
        var p = s.properties[name];
        list.appendChild(el("li", null,
          el("span", { cls: "prop", text: name }), required.indexOf(name) >= 0 ? el("span", { cls: "req", text: "required" }) : null, " ",
          typeNode(p), details(p), children(p, depth + 1)));
      });
    }
    if (s.items && !s.items.$ref) {
      var inner = children(s.items, depth + 1);
      if (inner) return inner;
    }
    if (s.additionalProperties && typeof s.additionalProperties === "object" && !s.properties) {
      list.appendChild(el("li", null, el("span", { cls: "prop", text: "{key}" }), " ", typeNode(s.additionalProperties), details(s.additionalProperties), children(s.additionalProperties, depth + 1)));
    }
    return list.childNodes.length ? list : null;
  }

  function schemaBlock(s) {
    return el("div", null, typeNode(s), details(s), children(s, 0));
  }

  function securityOf(op) {
    var req = op.security || doc.security || [];
    if (!req.length) return "Public: no authentication";
    return req.map(function (r) { return Object.keys(r).join(" + "); }).join(" or ");
  }

  function parameters(op, pathItem) {
    var params = (pathItem.parameters || []).concat(op.parameters || []).map(function (p) { return p.$ref ? resolve(p.$ref) : p; }).filter(Boolean);
    if (!params.length) return null;
    var table = el("table", null, el("tr", null, el("th", { text: "name" }), el("th", { text: "in" }), el("th", { text: "type" }), el("th", { text: "description" })));
    params.forEach(function (p) {
      table.appendChild(el("tr", null,
        el("td", null, el("span", { cls: "prop", text: p.name }), p.required ? el("span", { cls: "req", text: "required" }) : null),
        el("td", { text: p.in }),
        el("td", null, typeNode(p.schema || {})),
        el("td", null, p.description && p.description !== (p.schema || {}).description ? prose(p.description, "div") : null, details(p.schema || {}))));
    });
    return el("div", null, el("h4", { text: "Parameters" }), table);
  }

  function content(c) {
    var frag = document.createDocumentFragment();
    Object.keys(c || {}).forEach(function (type) {
      frag.appendChild(el("div", { cls: "desc mono", text: type }));
      if (c[type].schema) frag.appendChild(schemaBlock(c[type].schema));
    });
    return frag;
  }

  function requestBody(op) {
    var body = op.requestBody && (op.requestBody.$ref ? resolve(op.requestBody.$ref) : op.requestBody);
    if (!body) return null;
    return el("div", null, el("h4", { text: "Request body" + (body.required ? " (required)" : "") }), body.description ? prose(body.description) : null, content(body.content));
  }

  function responses(op) {
    var table = el("table", null, el("tr", null, el("th", { text: "status" }), el("th", { text: "response" })));
    Object.keys(op.responses || {}).sort().forEach(function (status) {
      var r = op.responses[status];
      if (r.$ref) r = resolve(r.$ref) || {};
      var n = Number(status);
      var cls = n >= 400 ? "err" : n >= 200 && n < 300 ? "ok" : "info";
      table.appendChild(el("tr", { id: opId(op.__method, op.__path) + "-" + status },
        el("td", null, el("span", { cls: "status " + cls, text: status })),
        el("td", null, prose(r.description || ""), content(r.content))));
    });
    return el("div", null, el("h4", { text: "Responses" }), table);
  }

  function operation(method, path, op, pathItem) {
    op.__method = method; op.__path = path;
    var id = opId(method, path);
    return el("article", { cls: "op", id: id, "data-search": (method + " " + path + " " + (op.summary || "") + " " + (op.tags || []).join(" ")).toLowerCase() },
      el("header", null,
        el("span", { cls: "method m-" + method, text: method }),
        el("a", { cls: "anchor path", href: "#" + id, text: path }),
        op.deprecated ? el("span", { cls: "badge", text: "deprecated" }) : null,
        el("span", { cls: "badge", text: securityOf(op) })),
      el("div", { cls: "body" },
        op.summary ? el("p", { text: op.summary }) : null,
        op.description ? prose(op.description) : null,
        parameters(op, pathItem),
        requestBody(op),
        responses(op)));
  }

  function render() {
    var main = document.getElementById("content");
    var nav = document.getElementById("toc");
    main.textContent = ""; nav.textContent = "";
    var info = doc.info || {};
    document.title = (info.title || "API") + " reference";
    main.appendChild(el("header", { cls: "doc" },
      el("h1", { text: (info.title || "API") + " reference" }),
      el("div", { cls: "muted" }, "OpenAPI " + doc.openapi + " · version " + (info.version || "?") + " · ", el("a", { href: "openapi.json", text: "openapi.json" })),
      info.description ? prose(info.description) : null,
      (doc.servers || []).length ? el("p", { cls: "muted" }, "Server: ", el("code", { text: doc.servers[0].url })) : null,
      el("p", { cls: "desc" }, "Errors are ", el("code", { text: "application/problem+json" }), " ", el("a", { href: "#schema-problem", text: "Problem" }),
        " bodies; validation failures list each field in ", el("code", { text: "errors" }), ". Lists take ", el("code", { text: "limit" }), " and ",
        el("code", { text: "cursor" }), " and answer ", el("code", { text: "{ data, nextCursor }" }), ".")));

    var byTag = {};
    var order = [];
    Object.keys(doc.paths || {}).forEach(function (path) {
      var item = doc.paths[path];
      METHODS.forEach(function (m) {
        if (!item[m]) return;
        var tag = (item[m].tags && item[m].tags[0]) || "Other";
        if (!byTag[tag]) { byTag[tag] = []; order.push(tag); }
        byTag[tag].push([m, path, item[m], item]);
      });
    });
    var declared = (doc.tags || []).map(function (t) { return t.name; });
    order.sort(function (a, b) {
      var ia = declared.indexOf(a), ib = declared.indexOf(b);
      return ia >= 0 && ib >= 0 ? ia - ib : ia >= 0 ? -1 : ib >= 0 ? 1 : a.localeCompare(b);
    });

    var search = el("input", { type: "search", placeholder: "Filter operations…", "aria-label": "Filter operations" });
    nav.appendChild(search);
    order.forEach(function (tag) {
      var section = el("section", { cls: "tag", id: "tag-" + slug(tag) }, el("h2", { text: tag }));
      var list = el("ul");
      byTag[tag].forEach(function (o) {
        section.appendChild(operation(o[0], o[1], o[2], o[3]));
        list.appendChild(el("li", { "data-op": opId(o[0], o[1]) }, el("a", { href: "#" + opId(o[0], o[1]) }, el("span", { cls: "method m-" + o[0], text: o[0] }), el("span", { cls: "mono", text: o[1] }))));
      });
      main.appendChild(section);
      nav.appendChild(el("h2", null, el("a", { href: "#tag-" + slug(tag), text: tag })));
      nav.appendChild(list);
    });

    var schemas = (doc.components && doc.components.schemas) || {};
    var names = Object.keys(schemas).sort();
    if (names.length) {
      var section = el("section", { cls: "tag", id: "schemas" }, el("h2", { text: "Schemas" }));
      var list = el("ul");
      names.forEach(function (name) {
        section.appendChild(el("article", { cls: "op", id: "schema-" + slug(name) },
          el("header", null, el("a", { cls: "anchor path", href: "#schema-" + slug(name), text: name })),
          el("div", { cls: "body" }, schemaBlock(schemas[name]))));
        list.appendChild(el("li", null, el("a", { href: "#schema-" + slug(name), text: name })));
      });
      main.appendChild(section);
      nav.appendChild(el("h2", null, el("a", { href: "#schemas", text: "Schemas" })));
      nav.appendChild(list);
    }

    search.addEventListener("input", function () {
      var q = search.value.trim().toLowerCase();
      document.querySelectorAll("article.op[data-search]").forEach(function (a) {
        var hide = q && a.getAttribute("data-search").indexOf(q) < 0;
        a.classList.toggle("hidden", !!hide);
        var li = nav.querySelector('[data-op="' + a.id + '"]');
        if (li) li.classList.toggle("hidden", !!hide);
      });
      // Tags with no matching operation disappear too.
      document.querySelectorAll("section.tag[id^=tag-]").forEach(function (sec) {
        var empty = !sec.querySelector("article.op[data-search]:not(.hidden)");
        sec.classList.toggle("hidden", empty);
        var head = nav.querySelector('a[href="#' + sec.id + '"]');
        if (head) head.parentNode.classList.toggle("hidden", empty);
      });
    });

    if (location.hash) {
      var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target) target.scrollIntoView();
    }
  }

  fetch(new URL("openapi.json", location.href).toString(), { headers: { accept: "application/json" }, credentials: "same-origin" })
    .then(function (r) { if (!r.ok) throw new Error("openapi.json answered " + r.status); return r.json(); })
    .then(function (d) { doc = d; render(); })
    .catch(function (err) { document.getElementById("error").textContent = "Could not load the OpenAPI document: " + err.message; });
})();
`;
