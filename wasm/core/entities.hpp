// HTML5 named character references ("&eacute;" -> "é"): md4c only checks their syntax, our
// Markdown renderer decodes them (in URLs, titles, heading ids and plain text).
#pragma once

#include <string>
#include <string_view>

namespace carnet {

// Appends the UTF-8 text of the named reference `name` (without '&' and ';', e.g. "eacute").
// Returns false, appending nothing, when HTML5 has no such name.
bool append_named_entity(std::string& out, std::string_view name);

}  // namespace carnet
