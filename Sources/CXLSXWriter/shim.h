#ifndef SAMLA_CXLSXWRITER_SHIM_H
#define SAMLA_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
