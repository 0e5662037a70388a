#include "zb_reader.h"

#include "zb_lang.h"
#include "zb_text.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <zlib.h>

enum { RAW_SIZE = 64 * 1024, GZ_PIECE = 16 * 1024 };

struct zb_reader {
    gzFile gz;
    int at_start;            /* BOM not yet checked */
    unsigned long long offset;
    iconv_t cd;              /* (iconv_t)-1 when no conversion */
    char *raw;               /* undecoded bytes waiting for iconv */
    size_t raw_len;
    int raw_eof;
    int decided;             /* with an encoding: seen the first non-ASCII text */
    int utf8_anyway;         /* ...and it was UTF-8 after all: no conversion */
    char error[256];
};

const char *zb_encoding_name(const char *name)
{
    static const char *const gbk[] = {"gbk", "gb2312", "cp936", "ms936", "windows-936", "euc-cn", "euccn", NULL};
    if (!name)
        return NULL;
    if (strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") == 0)
        return "UTF-8";
    if (strcasecmp(name, "gb18030") == 0)
        return "GB18030";
    for (int i = 0; gbk[i]; i++)
        if (strcasecmp(name, gbk[i]) == 0)
            return "GBK";
    return NULL;
}

const char *zb_encoding_list(void)
{
    return ZB_T("utf-8、gbk、gb18030（gb2312、cp936 按 gbk 读取）",
                "utf-8, gbk, gb18030 (gb2312, cp936: read as gbk)");
}

static int is_utf8_name(const char *enc)
{
    const char *name = zb_encoding_name(enc);
    return enc == NULL || enc[0] == '\0' || (name && strcmp(name, "UTF-8") == 0);
}

zb_reader *zb_reader_open(const char *path, const char *encoding, char *err,
                          size_t errlen)
{
    zb_reader *r = calloc(1, sizeof *r);
    if (!r) {
        snprintf(err, errlen, "%s", ZB_T("内存不足", "out of memory"));
        return NULL;
    }
    r->cd = (iconv_t)-1;
    r->at_start = 1;
    if (!is_utf8_name(encoding)) {
        const char *from = zb_encoding_name(encoding);
        r->cd = from ? iconv_open("UTF-8", from) : (iconv_t)-1;
        if (r->cd == (iconv_t)-1) {
            snprintf(err, errlen,
                     ZB_T("不支持的编码“%s”：可用 %s", "unsupported encoding '%s': use %s"),
                     encoding, zb_encoding_list());
            free(r);
            return NULL;
        }
        r->raw = malloc(RAW_SIZE);
        if (!r->raw) {
            iconv_close(r->cd);
            free(r);
            snprintf(err, errlen, "%s", ZB_T("内存不足", "out of memory"));
            return NULL;
        }
    }
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s", ZB_T("这是一个目录，不是文件", "this is a directory, not a file"));
        if (r->cd != (iconv_t)-1)
            iconv_close(r->cd);
        free(r->raw);
        free(r);
        return NULL;
    }
    r->gz = gzopen(path, "rb");
    if (!r->gz) {
        snprintf(err, errlen, ZB_T("无法打开文件：%s", "cannot open file: %s"),
                 strerror(errno ? errno : ENOENT));
        if (r->cd != (iconv_t)-1)
            iconv_close(r->cd);
        free(r->raw);
        free(r);
        return NULL;
    }
    /* zlib decodes into a buffer of twice this size and drops all of it
     * when it meets damage: a small one keeps the good rows before the
     * damage (and the line of the error) near where the damage is. */
    gzbuffer(r->gz, GZ_PIECE);
    return r;
}

/* zlib's message is "PATH: what"; the path is shown by the caller already. */
static const char *zlib_message(const char *msg)
{
    if (!msg)
        return "?";
    const char *sep = strstr(msg, ": ");
    const char *last = NULL;
    while (sep) {
        last = sep;
        sep = strstr(sep + 2, ": ");
    }
    return last ? last + 2 : msg;
}

static long gz_read_checked(zb_reader *r, char *buf, size_t n)
{
    /* zlib drops what one gzread call decoded when it then meets damage;
     * small calls (and a small buffer, see zb_reader_open) keep that loss
     * to a few pieces. */
    if (n > GZ_PIECE)
        n = GZ_PIECE;
    int got = gzread(r->gz, buf, (unsigned)n);
    int errnum = Z_OK;
    const char *msg = gzerror(r->gz, &errnum);
    /* Bytes that came before damage are delivered first, so that the error
     * is reported at the line where the good data ends; zlib keeps the
     * error and the next read returns it. */
    if (got > 0)
        return got;
    if (got < 0 || errnum != Z_OK) {
        if (errnum == Z_ERRNO)
            snprintf(r->error, sizeof r->error, ZB_T("读取失败：%s", "read error: %s"), zlib_message(msg));
        else if (errnum == Z_BUF_ERROR)
            snprintf(r->error, sizeof r->error, "%s",
                     ZB_T("gzip 文件不完整（被截断）：此后的内容缺失，请重新获取完整文件",
                          "gzip file is truncated: what follows is missing; get the complete file again"));
        else
            snprintf(r->error, sizeof r->error,
                     ZB_T("gzip 数据损坏（%s）：文件在传输或保存时被破坏，请重新获取",
                          "corrupt gzip data (%s): the file was damaged in transfer or storage; get it again"),
                     zlib_message(msg));
        return -1;
    }
    return 0;
}

static long read_converted(zb_reader *r, char *buf, size_t n)
{
    for (;;) {
        if (!r->raw_eof && r->raw_len < RAW_SIZE) {
            long got = gz_read_checked(r, r->raw + r->raw_len,
                                       RAW_SIZE - r->raw_len);
            if (got < 0)
                return -1;
            if (got == 0)
                r->raw_eof = 1;
            r->raw_len += (size_t)got;
        }
        if (r->raw_len == 0)
            return 0;
        char *in = r->raw, *out = buf;
        size_t inleft = r->raw_len, outleft = n;
        size_t rc = iconv(r->cd, &in, &inleft, &out, &outleft);
        int saved = errno;
        memmove(r->raw, in, inleft);
        r->raw_len = inleft;
        long produced = (long)(n - outleft);
        if (rc == (size_t)-1 && saved == EILSEQ && produced == 0) {
            snprintf(r->error, sizeof r->error,
                     ZB_T("第 %llu 字节：0x%02x 不是所选编码中的有效字符",
                          "byte %llu: 0x%02x is not valid in the chosen encoding"),
                     r->offset + 1, (unsigned)(unsigned char)r->raw[0]);
            return -1;
        }
        if (rc == (size_t)-1 && saved == EINVAL && r->raw_eof && produced == 0) {
            snprintf(r->error, sizeof r->error, "%s",
                     ZB_T("文件在一个多字节字符中间结束",
                          "file ends inside a multibyte character"));
            return -1;
        }
        if (produced > 0)
            return produced;
        if (r->raw_eof && r->raw_len == 0)
            return 0;
    }
}

/* Hands out undecoded bytes already in raw before reading on. */
static long read_raw_first(zb_reader *r, char *buf, size_t n)
{
    if (r->raw_len == 0)
        return r->raw_eof ? 0 : gz_read_checked(r, buf, n);
    size_t k = r->raw_len < n ? r->raw_len : n;
    memcpy(buf, r->raw, k);
    memmove(r->raw, r->raw + k, r->raw_len - k);
    r->raw_len -= k;
    return (long)k;
}

/* True when b[0..n) is UTF-8; a character cut by the end of the block is
 * allowed unless the block is the end of the file. */
static int block_is_utf8(const char *b, size_t n, int at_eof)
{
    size_t ok = zb_utf8_check(b, n);
    if (ok == n)
        return 1;
    if (at_eof || n - ok >= 4)
        return 0;
    unsigned char lead = (unsigned char)b[ok];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (lead < 0xC2 || lead > 0xF4 || n - ok >= need)
        return 0;
    for (size_t i = ok + 1; i < n; i++)
        if (((unsigned char)b[i] & 0xC0) != 0x80)
            return 0;
    return 1;
}

/* With --encoding, a bureau converts a folder of files, some of which may
 * already be UTF-8 (ours, or saved as "CSV UTF-8"): converting those from
 * GBK would garble them.  The first non-ASCII block decides: a BOM or valid
 * UTF-8 text means no conversion.  ASCII alone decides nothing, as it is the
 * same in both encodings, and passes through. */
static long read_encoded(zb_reader *r, char *buf, size_t n)
{
    while (!r->decided) {
        if (!r->raw_eof && r->raw_len < RAW_SIZE) {
            long got = gz_read_checked(r, r->raw + r->raw_len, RAW_SIZE - r->raw_len);
            if (got < 0)
                return -1;
            if (got == 0)
                r->raw_eof = 1;
            r->raw_len += (size_t)got;
            continue; /* judge a full block, or the whole of a short file */
        }
        int bom = r->offset == 0 && r->raw_len >= 3 && memcmp(r->raw, "\xEF\xBB\xBF", 3) == 0;
        size_t ascii = 0;
        while (ascii < r->raw_len && (unsigned char)r->raw[ascii] < 0x80)
            ascii++;
        if (bom || ascii < r->raw_len) {
            r->decided = 1;
            if (bom || block_is_utf8(r->raw, r->raw_len, r->raw_eof)) {
                r->utf8_anyway = 1;
                iconv_close(r->cd);
                r->cd = (iconv_t)-1;
            }
            break;
        }
        if (r->raw_len == RAW_SIZE || r->raw_eof) /* a block of ASCII: pass it on */
            return read_raw_first(r, buf, n);
    }
    return r->cd != (iconv_t)-1 ? read_converted(r, buf, n) : read_raw_first(r, buf, n);
}

long zb_reader_read(zb_reader *r, char *buf, size_t n)
{
    long got = r->raw ? read_encoded(r, buf, n) : gz_read_checked(r, buf, n);
    if (got > 0 && r->at_start) {
        r->at_start = 0;
        /* Excel writes a BOM on "CSV UTF-8"; it is not part of the header.
         * A first read shorter than 3 bytes cannot hold one worth keeping. */
        if (got >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
            memmove(buf, buf + 3, (size_t)got - 3);
            got -= 3;
            r->offset += 3;
            if (got == 0)
                return zb_reader_read(r, buf, n);
        }
    }
    if (got > 0)
        r->offset += (unsigned long long)got;
    return got;
}

int zb_reader_utf8_anyway(const zb_reader *r) { return r->utf8_anyway; }

const char *zb_reader_error(const zb_reader *r) { return r->error; }

unsigned long long zb_reader_offset(const zb_reader *r) { return r->offset; }

int zb_reader_close(zb_reader *r, char *err, size_t errlen)
{
    if (!r)
        return 0;
    int rc = gzclose_r(r->gz);
    if (r->cd != (iconv_t)-1)
        iconv_close(r->cd);
    free(r->raw);
    free(r);
    if (rc == Z_BUF_ERROR) {
        if (err)
            snprintf(err, errlen, "%s",
                     ZB_T("gzip 文件不完整（被截断）：此后的内容缺失，请重新获取完整文件",
                          "gzip file is truncated: what follows is missing; get the complete file again"));
        return -1;
    }
    return 0;
}

/* Cuts s (len bytes) to at most max bytes on a character boundary. */
static size_t cut_utf8(const char *s, size_t len, size_t max)
{
    if (len <= max)
        return len;
    size_t k = max;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    return k;
}

/* A line that is not UTF-8 (a GBK file read without --encoding, shown
 * under its "not UTF-8" error) is shown decoded from GB18030, the superset
 * of GBK, when it decodes: a cut in the middle of its last character is
 * allowed, as the line may have been cut to length. */
static char *display_text(char *raw, size_t len)
{
    if (zb_utf8_check(raw, len) == len)
        return raw;
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return raw;
    size_t cap = len * 2 + 1;
    char *out = malloc(cap);
    char *in = raw, *o = out;
    size_t inleft = len, outleft = cap - 1;
    if (out && (iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1 || (errno == EINVAL && inleft < 4))) {
        *o = '\0';
        iconv_close(cd);
        free(raw);
        return out;
    }
    iconv_close(cd);
    free(out);
    return raw;
}

enum { FETCH_BLOCK = 64 * 1024 };

/* Reads r to the last requested line, copying each request's part of its
 * line into req[k].text (len[k] bytes so far).  Returns the number of the
 * line it stopped in; *clean is 0 when the stream failed (a byte the
 * encoding does not have, damaged gzip data) before the last request. */
static unsigned long collect_lines(zb_reader *r, char *block, zb_line_request *req, size_t n, size_t *len,
                                   int *clean)
{
    unsigned long line = 1, chars = 0; /* chars: 1-based index of the current character */
    size_t first = 0; /* requests before this one are for earlier lines */
    long got = 0;
    while (first < n && (got = zb_reader_read(r, block, FETCH_BLOCK)) > 0) {
        for (long b = 0; b < got && first < n; b++) {
            unsigned char c = (unsigned char)block[b];
            if (c == '\n') {
                while (first < n && req[first].line <= line)
                    first++;
                line++;
                chars = 0;
                continue;
            }
            if ((c & 0xC0) != 0x80)
                chars++;
            for (size_t k = first; k < n && req[k].line == line; k++) {
                if (chars < req[k].first_char)
                    continue;
                if (len[k] < req[k].maxbytes + 4)
                    req[k].text[len[k]++] = (char)c;
                else
                    req[k].cut_after = 1;
            }
        }
    }
    *clean = got >= 0;
    return line;
}

void zb_reader_fetch_lines(const char *path, const char *encoding, zb_line_request *req, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        req[i].text = NULL;
        req[i].cut_before = req[i].cut_after = 0;
    }
    if (n == 0)
        return;
    /* Read as the loader read it: converted from the same encoding (a
     * file already UTF-8 is found so and not converted), gzip undone, the
     * BOM dropped.  So the line shows the characters the columns count. */
    char err[256];
    zb_reader *r = zb_reader_open(path, encoding, err, sizeof err);
    if (!r)
        return;
    char *block = malloc(FETCH_BLOCK);
    /* Each request collects up to maxbytes + 4 bytes, so that a cut can be
     * made on a character boundary and seen to be a cut. */
    size_t *len = calloc(n, sizeof *len);
    int ok = block && len;
    for (size_t i = 0; ok && i < n; i++) {
        req[i].text = malloc(req[i].maxbytes + 5);
        ok = req[i].text != NULL;
    }
    int clean = 1;
    unsigned long last_line = ok ? collect_lines(r, block, req, n, len, &clean) : 0;
    zb_reader_close(r, NULL, 0);
    if (ok && !clean && encoding && *encoding) {
        /* A byte the encoding does not have stopped the conversion: the
         * lines are read again as they are (and shown decoded from GB18030
         * where they can be), as the loader's error about that byte
         * counted them. */
        r = zb_reader_open(path, NULL, err, sizeof err);
        ok = r != NULL;
        for (size_t k = 0; ok && k < n; k++) {
            len[k] = 0;
            req[k].cut_after = 0;
        }
        last_line = ok ? collect_lines(r, block, req, n, len, &clean) : 0;
        zb_reader_close(r, NULL, 0);
    }
    free(block);
    for (size_t k = 0; k < n; k++) {
        if (!req[k].text)
            continue;
        /* A line past the end of the file (or a file that could not be
         * read) has nothing to show. */
        if (!ok || req[k].line > last_line) {
            free(req[k].text);
            req[k].text = NULL;
            continue;
        }
        size_t l = len[k];
        if (l > 0 && req[k].text[l - 1] == '\r' && !req[k].cut_after)
            l--;
        size_t cut = cut_utf8(req[k].text, l, req[k].maxbytes);
        if (cut < l)
            req[k].cut_after = 1;
        req[k].text[cut] = '\0';
        req[k].cut_before = req[k].first_char > 1;
        req[k].text = display_text(req[k].text, cut);
    }
    if (!ok)
        for (size_t k = 0; k < n; k++) {
            free(req[k].text);
            req[k].text = NULL;
        }
    free(len);
}

char *zb_reader_fetch_line(const char *path, unsigned long line, size_t maxbytes)
{
    zb_line_request req = {line, 1, maxbytes, NULL, 0, 0};
    zb_reader_fetch_lines(path, NULL, &req, 1);
    return req.text;
}
