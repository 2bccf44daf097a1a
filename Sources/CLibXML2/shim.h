#ifndef SAMLA_CLIBXML2_SHIM_H
#define SAMLA_CLIBXML2_SHIM_H
// libxml2's headers pull in the system's ICU when it was built with it, which clashes with the
// ICU that Foundation carries; the push parser needs none of the ICU converters' declarations.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#endif
