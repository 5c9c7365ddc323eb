/* The operator's tool: one function per subcommand, each in daemon/tool_<name>.c,
 * listed in the table in feedwire.c. Each takes its own argv (argv[0] is the
 * subcommand name), prints data to stdout and errors to stderr, and returns the
 * exit code: 0 ok, 1 bad input, 2 usage. Every subcommand answers --help. */
#ifndef FW_TOOL_H
#define FW_TOOL_H

#define TOOL_OK 0
#define TOOL_BADINPUT 1
#define TOOL_USAGE 2

/* 1 if argv holds -h or --help (before a lone "--"). */
int tool_wants_help(int argc, char **argv);

int tool_config_main(int argc, char **argv);
int tool_events_main(int argc, char **argv);
int tool_gazetteer_main(int argc, char **argv);
int tool_status_main(int argc, char **argv);
int tool_tail_main(int argc, char **argv);
int tool_feed_main(int argc, char **argv);
int tool_extract_main(int argc, char **argv);
int tool_feeds_main(int argc, char **argv);
/* feedwire feeds import|add|rm|ls: argv[0] is the verb. */
int tool_feedtopic_main(int argc, char **argv);
int tool_delivery_main(int argc, char **argv);
int tool_incidents_main(int argc, char **argv);

#endif
