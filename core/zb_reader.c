#include "zb_reader.h"

#include "zb_lang.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

enum { RAW_SIZE = 64 * 1024 };

struct zb_reader {
    gzFile gz;
    int at_start;            /* BOM not yet checked */
    unsigned long long offset;
    iconv_t cd;              /* (iconv_t)-1 when no conversion */
    char *raw;               /* undecoded bytes waiting for iconv */
    size_t raw_len;
    int raw_eof;
    char error[256];
};

static int is_utf8_name(const char *enc)
{
    return enc == NULL || enc[0] == '\0' || strcasecmp(enc, "utf-8") == 0 ||
           strcasecmp(enc, "utf8") == 0;
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
        r->cd = iconv_open("UTF-8", encoding);
        if (r->cd == (iconv_t)-1) {
            snprintf(err, errlen,
                     ZB_T("不支持的编码“%s”", "unsupported encoding '%s'"),
                     encoding);
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
    gzbuffer(r->gz, 128 * 1024);
    return r;
}

static long gz_read_checked(zb_reader *r, char *buf, size_t n)
{
    if (n > 1u << 30)
        n = 1u << 30;
    int got = gzread(r->gz, buf, (unsigned)n);
    int errnum = Z_OK;
    const char *msg = gzerror(r->gz, &errnum);
    if (got < 0 || (errnum != Z_OK && errnum != Z_BUF_ERROR) ||
        (got == 0 && errnum == Z_BUF_ERROR)) {
        if (errnum == Z_BUF_ERROR)
            snprintf(r->error, sizeof r->error, "%s",
                     ZB_T("gzip 文件不完整（被截断）",
                          "gzip file is truncated"));
        else
            snprintf(r->error, sizeof r->error,
                     ZB_T("gzip 数据损坏：%s", "corrupt gzip data: %s"),
                     msg ? msg : "?");
        return -1;
    }
    return got;
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

long zb_reader_read(zb_reader *r, char *buf, size_t n)
{
    long got = r->cd != (iconv_t)-1 ? read_converted(r, buf, n)
                                    : gz_read_checked(r, buf, n);
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
                     ZB_T("gzip 文件不完整（被截断）", "gzip file is truncated"));
        return -1;
    }
    return 0;
}

char *zb_reader_fetch_line(const char *path, unsigned long line,
                           size_t maxbytes)
{
    gzFile gz = gzopen(path, "rb");
    if (!gz)
        return NULL;
    char *out = malloc(maxbytes + 1);
    if (!out) {
        gzclose_r(gz);
        return NULL;
    }
    unsigned long current = 1;
    size_t len = 0;
    int c;
    while ((c = gzgetc(gz)) != -1) {
        if (c == '\n') {
            if (current == line)
                break;
            current++;
            continue;
        }
        if (current != line)
            continue;
        if (len < maxbytes)
            out[len++] = (char)c;
    }
    gzclose_r(gz);
    if (current != line) {
        free(out);
        return NULL;
    }
    if (len > 0 && out[len - 1] == '\r')
        len--;
    out[len] = '\0';
    if (line == 1 && len >= 3 && memcmp(out, "\xEF\xBB\xBF", 3) == 0)
        memmove(out, out + 3, len - 2);
    /* Do not cut a character in half: drop a last character that lacks
     * some of its continuation bytes. */
    len = strlen(out);
    size_t start = len;
    while (start > 0 && len - start < 3 && ((unsigned char)out[start - 1] & 0xC0) == 0x80)
        start--;
    if (start > 0 && (unsigned char)out[start - 1] >= 0xC0) {
        unsigned char lead = (unsigned char)out[start - 1];
        size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        if (len - (start - 1) < need)
            out[start - 1] = '\0';
    }
    return out;
}
