// Front matter splitting and YAML parsing.
#include "frontmatter.hpp"

namespace carnet {

std::string normalize_newlines(std::string_view text) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

int FrontMatter::line_of(const YAML::Node& node) const {
  const auto mark = node.Mark();
  return mark.line < 0 ? 0 : yaml_first_line + mark.line;
}

namespace {
// A fence line: "---" with optional trailing spaces.
bool is_fence(std::string_view line) {
  if (line.substr(0, 3) != "---") return false;
  for (char c : line.substr(3))
    if (c != ' ' && c != '\t') return false;
  return true;
}
}  // namespace

FrontMatter parse_front_matter(std::string_view raw) {
  FrontMatter fm;
  fm.data = YAML::Node(YAML::NodeType::Map);
  const std::string text = normalize_newlines(raw);
  const std::string_view t(text);
  const auto first_end = t.find('\n');
  if (!is_fence(t.substr(0, first_end))) {
    fm.body = text;
    return fm;
  }
  fm.present = true;
  fm.yaml_first_line = 2;
  // Find the closing fence ("---" or "...") on its own line.
  std::size_t pos = first_end == std::string_view::npos ? t.size() : first_end + 1;
  int line = 2;
  std::size_t yaml_end = std::string_view::npos;
  std::size_t body_start = t.size();
  while (pos < t.size()) {
    auto eol = t.find('\n', pos);
    const std::string_view l = t.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    if (is_fence(l) || l == "...") {
      yaml_end = pos;
      body_start = eol == std::string_view::npos ? t.size() : eol + 1;
      break;
    }
    if (eol == std::string_view::npos) break;
    pos = eol + 1;
    ++line;
  }
  if (yaml_end == std::string_view::npos) {
    fm.error = "front matter starts with '---' on line 1 but is never closed by another '---' line";
    fm.error_line = 1;
    return fm;
  }
  fm.body = std::string(t.substr(body_start));
  fm.body_first_line = line + 1;
  const std::string yaml(t.substr(first_end + 1, yaml_end - (first_end + 1)));
  try {
    YAML::Node n = YAML::Load(yaml);
    if (n.IsNull()) return fm;  // empty header
    if (!n.IsMap()) {
      fm.error = "front matter must be a YAML mapping of 'field: value' lines";
      fm.error_line = 2;
      return fm;
    }
    fm.data = n;
  } catch (const YAML::Exception& e) {
    fm.error = "front matter is not valid YAML: " + e.msg;
    fm.error_line = e.mark.line >= 0 ? fm.yaml_first_line + e.mark.line : 1;
  }
  return fm;
}

}  // namespace carnet
