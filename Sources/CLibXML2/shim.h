#ifndef RECLENS_CLIBXML2_SHIM_H
#define RECLENS_CLIBXML2_SHIM_H
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>

/// `xmlFree` is a global function pointer, which Swift 6 refuses to call; wrap it.
static inline void reclens_xmlFree(void *pointer) { xmlFree(pointer); }

/// The libxml2 version the project was compiled against, e.g. "2.9.14".
static inline const char *reclens_libxmlVersion(void) { return LIBXML_DOTTED_VERSION; }
#endif
