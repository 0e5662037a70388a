/* zhibiao — the command line: subcommands in the style of git. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lzb.h"
#include "zb_host.h"
#include "zb_lang.h"
#include "zb_text.h"

/* One row per subcommand: its name, the function, and its line in the help
 * (usage and what it does, Chinese then English). */
typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *usage_zh, *what_zh, *usage_en, *what_en;
} command;

static const command commands[] = {
    {"validate", zb_cmd_validate,
     "validate 目录 [--format text|json]", "检查数据集，列出所有问题并汇总内容",
     "validate DIR [--format text|json]", "check a dataset, list every problem, summarise it"},
    {"run", zb_cmd_run,
     "run 脚本 [--data 目录] [--sandbox]", "运行 Lua 脚本（路径或自带脚本名，如 plan_table）；--sandbox 在沙箱中运行",
     "run SCRIPT [--data DIR] [--sandbox]", "run a Lua script (a path or a bundled name, e.g. plan_table); --sandbox: sandboxed"},
    {"progress", zb_cmd_progress,
     "progress --data 目录 [--year 年份]", "规划实施进度：时间进度与任务进度、已实现与尚需增速、判断",
     "progress --data DIR [--year Y]", "plan progress: time vs progress share, pace so far vs needed, verdict"},
    {"consistency", zb_cmd_consistency,
     "consistency --data 目录", "核对基期值、目标值与年均增速是否一致",
     "consistency --data DIR", "do base, target and stated growth agree?"},
    {"project", zb_cmd_project,
     "project --data 目录 [--to 2035]", "按趋势外推到目标年和 2035 年，可加情景增速 --rates",
     "project --data DIR [--to 2035]", "trend to the target year and 2035; scenarios with --rates"},
    {"rollup", zb_cmd_rollup,
     "rollup --data 目录 [--indicator 代码]", "由县汇总到市、省：按指标规则计算，给出覆盖、上报值与差值；--compare 只列差值",
     "rollup --data DIR [--indicator CODE]", "county figures up to city and province by each rule, with coverage, reported value and gap"},
    {"report", zb_cmd_report,
     "report 报表名 --data 目录 [-o 文件]", "生成报表（html、md、xlsx、csv、json），--list 列出报表",
     "report NAME --data DIR [-o FILE]", "make a report (html, md, xlsx, csv, json); --list shows them"},
    {"import", zb_cmd_import,
     "import 表格.csv --to 目录 [--plan ...]", "把 Excel/WPS 导出的规划指标表转为数据集（--help 看全部选项）",
     "import TABLE.csv --to DIR [--plan ...]", "turn a plan table exported from Excel/WPS into a dataset (--help for all options)"},
    {"repl", zb_cmd_repl,
     "repl [--data 目录]", "交互式环境：Tab 补全、历史、表格化显示（终端上直接运行 zhibiao 也进入）",
     "repl [--data DIR]", "interactive Lua: Tab completion, history, tables shown aligned (plain zhibiao too)"},
    {"check", zb_cmd_check,
     "check --data 目录 [选择]", "按部门运行检查（--list 先看选中哪些；--format json|csv|junit）",
     "check --data DIR [SELECTION]", "run the departments' checks (--list shows the pick; --format json|csv|junit)"},
    {"test", zb_cmd_test,
     "test [检查目录]", "运行检查自带的样例，逐项报告通过与否",
     "test [CHECKS_DIR]", "run the checks' fixtures and report pass/fail per check"},
    {"new-check", zb_cmd_new_check,
     "new-check 部门/编号 [--dir 目录]", "生成带注释的检查模板和两个样例",
     "new-check DEPT/ID [--dir DIR]", "write a commented check skeleton with two fixtures"},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

static void help(FILE *out)
{
    int en = zb_lang_get() == ZB_LANG_EN;
    fprintf(out, ZB_T("zhibiao（指标）%s — 规划指标表的数据、测算与检查工具\n\n"
                      "用法：zhibiao [--lang zh|en] 子命令 [参数]\n\n子命令：\n",
                      "zhibiao %s — indicator tables of development plans: data, projections, checks\n\n"
                      "usage: zhibiao [--lang zh|en] COMMAND [ARGS]\n\ncommands:\n"),
            ZB_VERSION);
    for (const command *c = commands; c->name; c++) {
        const char *usage = en ? c->usage_en : c->usage_zh;
        fprintf(out, "  %s", usage);
        /* Pad by display width so that the descriptions line up in Chinese too. */
        for (size_t w = zb_text_width(usage); w < 38; w++)
            fputc(' ', out);
        fprintf(out, " %s\n", en ? c->what_en : c->what_zh);
    }
    fprintf(out, "%s", ZB_T(
        "  help                                   显示本帮助\n"
        "  version                                显示版本\n"
        "\n"
        "选项：--encoding gbk 读取 GBK 编码的 CSV（Excel/WPS 默认导出）。\n"
        "环境变量：ZHIBIAO_LANG=en 英文界面；ZHIBIAO_PATH 额外的脚本目录（冒号分隔）。\n"
        "退出码：0 正常；1 检查发现错误或脚本出错；2 用法或数据有误。\n"
        "\n"
        "示例：\n"
        "  zhibiao validate datasets/qixingguan\n"
        "  zhibiao run plan_table --data datasets/qixingguan\n"
        "  zhibiao progress --data datasets/qixingguan --year 2020\n",
        "  help                                   show this help\n"
        "  version                                show the version\n"
        "\n"
        "options: --encoding gbk reads GBK-encoded CSV (the Excel/WPS default export).\n"
        "environment: ZHIBIAO_LANG=en for English; ZHIBIAO_PATH extra script folders (colon-separated).\n"
        "exit status: 0 ok; 1 checks found errors or a script failed; 2 bad usage or bad data.\n"
        "\n"
        "examples:\n"
        "  zhibiao validate datasets/qixingguan\n"
        "  zhibiao run plan_table --data datasets/qixingguan\n"
        "  zhibiao progress --data datasets/qixingguan --year 2020\n"));
}

int main(int argc, char **argv)
{
    const char *env_lang = getenv("ZHIBIAO_LANG");
    int lang = zb_lang_parse(env_lang);
    if (lang >= 0)
        zb_lang_set((zb_lang)lang);
    else if (env_lang && *env_lang)
        fprintf(stderr, "zhibiao：ZHIBIAO_LANG=%s 不是 zh 或 en，按中文显示 / "
                        "ZHIBIAO_LANG=%s is neither zh nor en: using Chinese\n", env_lang, env_lang);
    int i = 1;
    while (i < argc && strncmp(argv[i], "--lang", 6) == 0) {
        const char *value = argv[i][6] == '=' ? argv[i] + 7 : (i + 1 < argc ? argv[++i] : NULL);
        lang = zb_lang_parse(value);
        if (lang < 0) {
            fprintf(stderr, "zhibiao: --lang zh|en\n");
            return ZB_EXIT_USAGE;
        }
        zb_lang_set((zb_lang)lang);
        i++;
    }
    if (i >= argc) {
        /* On a terminal, plain `zhibiao` is the REPL; in a pipe, the help. */
        if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
            char *repl_argv[] = {"repl", NULL};
            return zb_cmd_repl(1, repl_argv);
        }
        help(stderr);
        return ZB_EXIT_USAGE;
    }
    const char *cmd = argv[i];
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        /* `zhibiao help progress` is `zhibiao progress --help`. */
        if (i + 1 < argc)
            for (const command *c = commands; c->name; c++)
                if (strcmp(argv[i + 1], c->name) == 0) {
                    char *help_argv[] = {argv[i + 1], "--help", NULL};
                    return c->run(2, help_argv);
                }
        help(stdout);
        return ZB_EXIT_OK;
    }
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        printf("zhibiao %s\n", ZB_VERSION);
        return ZB_EXIT_OK;
    }
    for (const command *c = commands; c->name; c++)
        if (strcmp(cmd, c->name) == 0)
            return c->run(argc - i, argv + i);
    fprintf(stderr, ZB_T("zhibiao：未知子命令“%s”（见 zhibiao help）\n",
                         "zhibiao: unknown command '%s' (see zhibiao help)\n"), cmd);
    return ZB_EXIT_USAGE;
}
