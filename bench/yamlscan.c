/*
 * bench/yamlscan FILE...: the baseline for `gavel check`, a bare libyaml
 * scan.  Each file is read whole into memory and its events pulled until
 * the end of the stream, with nothing else done: no model, no checks, no
 * messages beyond a failure.  Whatever `gavel check` spends beyond this is
 * the cost of gavel's own reader and rules.
 */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *data = NULL;
	size_t n = 0, cap = 0;
	if (!f)
		return NULL;
	for (;;) {
		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 65536;
			unsigned char *p = realloc(data, cap);
			if (!p) {
				free(data);
				fclose(f);
				return NULL;
			}
			data = p;
		}
		size_t got = fread(data + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(data);
		return NULL;
	}
	*len = n;
	return data;
}

int main(int argc, char **argv)
{
	int status = 0;
	unsigned long events = 0;
	for (int i = 1; i < argc; i++) {
		size_t len;
		unsigned char *data = slurp(argv[i], &len);
		if (!data) {
			perror(argv[i]);
			status = 1;
			continue;
		}
		yaml_parser_t p;
		yaml_event_t ev;
		yaml_parser_initialize(&p);
		yaml_parser_set_input_string(&p, data, len);
		for (;;) {
			if (!yaml_parser_parse(&p, &ev)) {
				fprintf(stderr, "%s: %s\n", argv[i], p.problem ? p.problem : "parse error");
				status = 1;
				break;
			}
			yaml_event_type_t t = ev.type;
			yaml_event_delete(&ev);
			events++;
			if (t == YAML_STREAM_END_EVENT)
				break;
		}
		yaml_parser_delete(&p);
		free(data);
	}
	if (getenv("YAMLSCAN_VERBOSE"))
		fprintf(stderr, "%lu events\n", events);
	return status;
}
