// French typography for text shown to readers: the space an author types before « : ; ! ? »
// and inside « » becomes a no-break space, so the sign never starts a line on its own.
#pragma once

#include <string>
#include <string_view>

namespace carnet {

// True for French ("fr", "fr-CA"...), the only language these rules apply to.
bool wants_french_spacing(std::string_view lang);

// Plain text: " :" -> "\u00A0:", " ;" " !" " ?" -> "\u202F;" (narrow no-break space),
// "« " and " »" -> no-break space. Spaces already no-break, and signs with no space before
// them ("http://", "10:30"), are left as they are.
std::string french_spacing(std::string_view text);

// The same inside HTML: text between tags only, never inside a tag, <code>, <pre>,
// <kbd> or <samp> (code keeps the spaces its author typed).
std::string french_spacing_html(std::string_view html);

}  // namespace carnet
