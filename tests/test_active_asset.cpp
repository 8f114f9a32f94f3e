// Tests active_asset_reason (wasm/cli/active_asset.cpp): content files a browser would run as
// a page with scripts on the blog's origin are refused; ordinary images and files pass.
#include <catch2/catch.hpp>

#include <string>

#include "active_asset.hpp"

using carnet::active_asset_reason;
using carnet::asset_needs_bytes;

namespace {
const std::string kOkSvg =
    "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"
    "<style>.a{fill:#0b5cad}</style><a href=\"https://example.org/\"><text class=\"a\">Once upon a time, on a hill"
    "</text></a><image href=\"data:image/png;base64,iVBORw0KGgo=\"/><foreignObject><p>texte</p></foreignObject></svg>";

std::string svg(const std::string& inner) { return "<svg xmlns=\"http://www.w3.org/2000/svg\">" + inner + "</svg>"; }
}  // namespace

TEST_CASE("active assets: pages and scripts are refused by extension", "[content][xss]") {
  for (const char* name : {"a.html", "b/c.HTM", "d.xhtml", "e.xht", "f.shtml", "g.xml", "h.xsl", "i.xslt", "j.mht",
                           "k.mhtml", "l.js", "m.mjs", "n.cjs", "o.svgz"}) {
    INFO(name);
    CHECK_FALSE(active_asset_reason(name, "").empty());
  }
  CHECK(active_asset_reason("x/page.Html", "") == "a .html file is a page that can run scripts");
  CHECK(active_asset_reason("app.js", "") == "a .js file is a script");
  for (const char* name : {"photo.png", "photo.JPG", "doc.pdf", "notes.txt", "data.json", "font.woff2", "html", "x.html.png"}) {
    INFO(name);
    CHECK(active_asset_reason(name, "<script>alert(1)</script>").empty());
    CHECK_FALSE(asset_needs_bytes(name));
  }
  CHECK(asset_needs_bytes("images/d.SVG"));
}

TEST_CASE("active assets: an SVG drawing passes, an SVG that can run script does not", "[content][xss]") {
  CHECK(active_asset_reason("ok.svg", kOkSvg).empty());
  CHECK(active_asset_reason("ok.svg", "").empty());
  CHECK(active_asset_reason("e.svg", svg("<script>alert(1)</script>")) == "an SVG holding <script>");
  CHECK(active_asset_reason("e.svg", svg("<SCRIPT xlink:href='x.js'/>")) == "an SVG holding <script>");
  CHECK(active_asset_reason("e.svg", "<svg onload=\"alert(1)\"/>") == "an SVG with an event-handler attribute 'onload'");
  CHECK(active_asset_reason("e.svg", "<svg\n\tONLOAD =alert(1)/>") == "an SVG with an event-handler attribute 'onload'");
  CHECK(active_asset_reason("e.svg", svg("<rect ev:onclick='x'/>")) == "an SVG with an event-handler attribute 'onclick'");
  CHECK(active_asset_reason("e.svg", svg("<rect/onmouseover='x'/>")) == "an SVG with an event-handler attribute 'onmouseover'");
  CHECK(active_asset_reason("e.svg", svg("<a href='javascript:alert(1)'>x</a>")) == "an SVG with a 'javascript:' URL");
  CHECK(active_asset_reason("e.svg", svg("<a xlink:href='&#106;ava&#x73;cript:alert(1)'>x</a>")) ==
        "an SVG with a 'javascript:' URL");
  CHECK(active_asset_reason("e.svg", svg("<a href='java&#9;script:alert(1)'>x</a>")) == "an SVG with a 'javascript:' URL");
  CHECK(active_asset_reason("e.svg", svg("<set attributeName='href' to='JaVaScRiPt:alert(1)'/>")) ==
        "an SVG with a 'javascript:' URL");
  CHECK(active_asset_reason("e.svg", svg("<a href='vbscript:x'>x</a>")) == "an SVG with a 'vbscript:' URL");
  CHECK(active_asset_reason("e.svg", svg("<a href='data:text/html,x'>x</a>")) == "an SVG with a 'data:text/html' URL");
  CHECK(active_asset_reason("e.svg", svg("<foreignObject><iframe src='x'/></foreignObject>")) == "an SVG holding <iframe>");
  CHECK(active_asset_reason("e.svg", svg("<embed src='x'/>")) == "an SVG holding <embed>");
  CHECK(active_asset_reason("e.svg", svg("<object data='x'/>")) == "an SVG holding <object>");
  CHECK(active_asset_reason("e.svg", svg("<handler type='application/ecmascript'>alert(1)</handler>")) ==
        "an SVG holding <handler>");
  CHECK(active_asset_reason("e.svg", "<!DOCTYPE svg [<!ENTITY x '&#60;script&#62;'>]>" + svg("&x;")) ==
        "an SVG holding <script>");
  CHECK(active_asset_reason("e.svg", "<!DOCTYPE svg [<!ENTITY x 'y'>]>" + svg("&x;")) == "an SVG holding <!entity>");
  CHECK(active_asset_reason("e.svg", "<?xml-stylesheet type='text/xsl' href='x.xsl'?>" + svg("")) ==
        "an SVG holding <?xml-stylesheet?>");
  // Character references that do not decode to anything dangerous, and broken ones.
  CHECK(active_asset_reason("ok.svg", svg("<text>&#233;t&#xE9; &#; &#x; &#99999999999; on = off</text>")).empty());
}
