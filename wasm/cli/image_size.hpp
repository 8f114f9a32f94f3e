// The intrinsic size of an image, read from the first bytes of its file (PNG, GIF, JPEG,
// WebP) or from an SVG's root element, so pages can reserve its space before it loads.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "bundle.hpp"  // kMaxImageSide

namespace carnet {

struct ImageSize {
  int width = 0;
  int height = 0;
};

// How many leading bytes of the file `name` image_size needs: 0 when its extension is not an
// image's that we read (.png, .gif, .jpg, .jpeg, .webp, .svg), the whole file for an SVG.
// A JPEG whose frame header comes later than the bytes asked for gets no size.
std::size_t image_bytes_needed(std::string_view name);

// The size a browser gives the image at its natural size, or nothing when the bytes are not
// one of the formats above, are cut short, contradict themselves, give no size (an SVG
// sized in % or em without a viewBox), or one outside 1..kMaxImageSide pixels. The format comes from the bytes, not the name:
//  - PNG: the IHDR chunk; GIF: the logical screen; WebP: the VP8, VP8L or VP8X header;
//  - JPEG: the first SOFn frame header, width and height swapped when its EXIF orientation
//    turns it a quarter turn (as browsers show it);
//  - SVG: the root <svg>'s width and height in px, unitless or an absolute unit (mm, in...);
//    one of them and the viewBox's ratio; else the viewBox's width and height.
// Bounds-checked throughout: any bytes are safe to pass.
std::optional<ImageSize> image_size(std::string_view bytes);

}  // namespace carnet
