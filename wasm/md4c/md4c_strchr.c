/* md4c's character-class test, ISANYOF_(ch, palette), is strchr over a palette of a few
 * characters ("*_~", ".-_+"), once per inline mark and more. The C library's strchr is built
 * for long strings (word at a time, after aligning): for three to ten bytes a plain loop is
 * faster, and with link-time optimisation it is inlined into md4c. CMakeLists.txt compiles
 * md4c.c with -Dstrchr=carnet_md4c_strchr (wasm only). */
#include <stddef.h>

char* carnet_md4c_strchr(const char* s, int c) {
  for (;; ++s) {
    if (*s == (char)c) return (char*)s;
    if (*s == '\0') return NULL;
  }
}
