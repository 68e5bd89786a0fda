/*
 * pdf_libs: dlopen() of cairo, pango, pangocairo and gobject by their
 * sonames, and dlsym() of each function pdf.c calls into one table.
 */
#include "tui/print/pdf_libs.h"

#include <dlfcn.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

enum lib { CAIRO, PANGO, PANGOCAIRO, GOBJECT, NLIBS };

static const struct {
	const char *soname;
	const char *package;    /* Debian's, for the message */
	const char *env;        /* the test hook (pdf_libs.h) */
} libs[NLIBS] = {
	[CAIRO]      = { "libcairo.so.2", "libcairo2", "GAVEL_PDF_LIBCAIRO" },
	[PANGO]      = { "libpango-1.0.so.0", "libpango-1.0-0", "GAVEL_PDF_LIBPANGO" },
	[PANGOCAIRO] = { "libpangocairo-1.0.so.0", "libpangocairo-1.0-0",
			 "GAVEL_PDF_LIBPANGOCAIRO" },
	[GOBJECT]    = { "libgobject-2.0.so.0", "libglib2.0-0", "GAVEL_PDF_LIBGOBJECT" },
};

static const struct {
	enum lib lib;
	const char *name;
	size_t offset;          /* of its pointer in struct pdf_libs */
} funcs[] = {
#define PDF_LIBS_ENTRY(l, n) { l, #n, offsetof(struct pdf_libs, n) },
	PDF_LIBS_FUNCS(PDF_LIBS_ENTRY)
#undef PDF_LIBS_ENTRY
};

/* dlsym's object pointer is copied into a function pointer's bytes, as
 * POSIX allows (ISO C has no cast between the two). */
_Static_assert(sizeof(void *) == sizeof(void (*)(void)),
	       "function pointers are the size of dlsym's void *");

static struct pdf_libs table;
static bool loaded;

static const char *lib_file(enum lib l)
{
	const char *env = getenv(libs[l].env);
	return env && *env ? env : libs[l].soname;
}

const struct pdf_libs *pdf_libs_load(struct diags *d)
{
	if (loaded)
		return &table;
	void *handle[NLIBS] = { 0 };
	/* gobject first: pango and pangocairo need it, and a missing one is
	 * then named as itself. */
	static const enum lib order[NLIBS] = { GOBJECT, CAIRO, PANGO, PANGOCAIRO };
	for (int i = 0; i < NLIBS; i++) {
		enum lib l = order[i];
		handle[l] = dlopen(lib_file(l), RTLD_NOW | RTLD_LOCAL);
		if (!handle[l]) {
			/* dlerror() says "FILE: why"; the file is named already. */
			const char *file = lib_file(l), *why = dlerror();
			size_t n = strlen(file);
			if (why && !strncmp(why, file, n) && !strncmp(why + n, ": ", 2))
				why += n + 2;
			diags_add(d, NULL, 0, 0,
				  "cannot make a PDF: cannot load %s (install the Debian "
				  "package %s): %s", file, libs[l].package,
				  why ? why : "no reason given");
			goto fail;
		}
	}
	for (size_t i = 0; i < sizeof(funcs) / sizeof(funcs[0]); i++) {
		enum lib l = funcs[i].lib;
		dlerror();
		void *f = dlsym(handle[l], funcs[i].name);
		if (!f) {
			diags_add(d, NULL, 0, 0,
				  "cannot make a PDF: %s has no %s (install the Debian package "
				  "%s, a version that has it)", lib_file(l), funcs[i].name,
				  libs[l].package);
			goto fail;
		}
		memcpy((char *)&table + funcs[i].offset, &f, sizeof(f));
	}
	/* The libraries stay loaded until the process ends: cairo and
	 * fontconfig keep caches in them, and valgrind names the frames of
	 * what they keep only while they are mapped. */
	loaded = true;
	return &table;
fail:
	/* Those that loaded stay loaded too: gobject's constructor allocates
	 * its type tables as it loads, and dlclose() would lose them (valgrind
	 * reports them as leaks in frames it can no longer name).  A later
	 * call opens them again, which only counts another reference. */
	memset(&table, 0, sizeof(table));
	return NULL;
}
