// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/http/http_parser.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

using namespace m2mbench::http;

TEST(HttpParser, ParsesARequestWithBody) {
    Parser p(Parser::Mode::Request);

    const auto state =
        p.feed("POST /m2m/scls HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");

    ASSERT_EQ(state, Parser::State::Complete);
    EXPECT_EQ(p.request().method, QByteArray("POST"));
    EXPECT_EQ(p.request().path(), QStringLiteral("/m2m/scls"));
    EXPECT_EQ(p.request().headers.value("host"), QByteArray("x"));
    EXPECT_EQ(p.request().body, QByteArray("hello"));
}

TEST(HttpParser, ParsesByteByByte) {
    const QByteArray wire =
        "HTTP/1.1 201 Created\r\nLocation: /m2m/scls/a\r\nContent-Length: 3\r\n\r\nabc";
    Parser p(Parser::Mode::Response);
    Parser::State state = Parser::State::NeedMore;

    for (char c : wire) {
        state = p.feed(QByteArray(1, c));
    }

    ASSERT_EQ(state, Parser::State::Complete);
    EXPECT_EQ(p.response().status, 201);
    EXPECT_EQ(p.response().body, QByteArray("abc"));
    EXPECT_EQ(p.raw(), wire);
}

TEST(HttpParser, DecodesChunkedBodies) {
    Parser p(Parser::Mode::Response);

    const auto state = p.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                              "4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nTrailer: x\r\n\r\n");

    ASSERT_EQ(state, Parser::State::Complete);
    EXPECT_EQ(p.response().body, QByteArray("Wikipedia"));
}

TEST(HttpParser, KeepsPipelinedRequestsForTheNextReset) {
    Parser p(Parser::Mode::Request);

    ASSERT_EQ(p.feed("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n"), Parser::State::Complete);
    EXPECT_EQ(p.request().target, QByteArray("/a"));
    ASSERT_EQ(p.reset(), Parser::State::Complete);
    EXPECT_EQ(p.request().target, QByteArray("/b"));
    EXPECT_EQ(p.reset(), Parser::State::NeedMore);
}

TEST(HttpParser, ReadsACloseDelimitedResponseBody) {
    Parser p(Parser::Mode::Response);

    EXPECT_EQ(p.feed("HTTP/1.0 200 OK\r\n\r\npartial"), Parser::State::NeedMore);
    EXPECT_EQ(p.finishOnClose(), Parser::State::Complete);
    EXPECT_EQ(p.response().body, QByteArray("partial"));
    EXPECT_TRUE(p.wantsClose());
}

TEST(HttpParser, RefusesAnOversizedContentLengthBeforeReadingTheBody) {
    Limits limits;
    limits.maxBody = 1024;
    Parser p(Parser::Mode::Response, limits);

    const auto state = p.feed("HTTP/1.1 200 OK\r\nContent-Length: 52428800\r\n\r\nxx");

    ASSERT_EQ(state, Parser::State::Error);
    EXPECT_EQ(p.errorKind(), Parser::ErrorKind::TooLarge);
    EXPECT_TRUE(p.errorText().contains(QLatin1String("52428800")));
}

TEST(HttpParser, RefusesAnOversizedChunkedBody) {
    Limits limits;
    limits.maxBody = 8;
    Parser p(Parser::Mode::Response, limits);

    const auto state =
        p.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n5\r\n");

    EXPECT_EQ(state, Parser::State::Error);
    EXPECT_EQ(p.errorKind(), Parser::ErrorKind::TooLarge);
}

TEST(HttpParser, RefusesAHugeHeaderSection) {
    Limits limits;
    limits.maxHead = 256;
    Parser p(Parser::Mode::Request, limits);

    const auto state = p.feed("GET / HTTP/1.1\r\nX: " + QByteArray(400, 'a'));

    EXPECT_EQ(state, Parser::State::Error);
    EXPECT_EQ(p.errorKind(), Parser::ErrorKind::TooLarge);
}

struct MalformedCase {
    const char *name;
    Parser::Mode mode;
    const char *wire;
};

class HttpParserMalformed : public ::testing::TestWithParam<MalformedCase> {};

TEST_P(HttpParserMalformed, ReportsAnErrorNotACrash) {
    Parser p(GetParam().mode);

    const auto state = p.feed(QByteArray(GetParam().wire));

    EXPECT_EQ(state, Parser::State::Error) << GetParam().name;
    EXPECT_EQ(p.errorKind(), Parser::ErrorKind::Malformed);
    EXPECT_FALSE(p.errorText().isEmpty());
}

INSTANTIATE_TEST_SUITE_P(
    Garbage, HttpParserMalformed,
    ::testing::Values(
        MalformedCase{"binary", Parser::Mode::Response,
                      "\x16\x03\x01\x02\x05\x01\x7f\x01\xfc\r\n\r\n"},
        MalformedCase{"no status code", Parser::Mode::Response, "HTTP/1.1 OK\r\n\r\n"},
        MalformedCase{"status too short", Parser::Mode::Response, "HTTP/1.1 20 OK\r\n\r\n"},
        MalformedCase{"not http", Parser::Mode::Response, "SIP/2.0 200 OK\r\n\r\n"},
        MalformedCase{"bad request line", Parser::Mode::Request, "GET\r\n\r\n"},
        MalformedCase{"header without colon", Parser::Mode::Request,
                      "GET / HTTP/1.1\r\nnocolon\r\n\r\n"},
        MalformedCase{"space before colon", Parser::Mode::Request,
                      "GET / HTTP/1.1\r\nHost : x\r\n\r\n"},
        MalformedCase{"obs-fold", Parser::Mode::Request, "GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n"},
        MalformedCase{"negative length", Parser::Mode::Response,
                      "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n"},
        MalformedCase{"hex length", Parser::Mode::Response,
                      "HTTP/1.1 200 OK\r\nContent-Length: 0x10\r\n\r\n"},
        MalformedCase{"conflicting lengths", Parser::Mode::Response,
                      "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"},
        MalformedCase{"bad chunk size", Parser::Mode::Response,
                      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"},
        MalformedCase{"chunk without CRLF", Parser::Mode::Response,
                      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nabc"},
        MalformedCase{"unknown coding", Parser::Mode::Response,
                      "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n"}),
    [](const auto &info) {
        std::string n = info.param.name;
        for (char &c : n) {
            c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
        }
        return n;
    });

TEST(HttpParser, TruncatedMessageIsReportedOnClose) {
    Parser p(Parser::Mode::Response);
    p.feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");

    EXPECT_EQ(p.finishOnClose(), Parser::State::Error);
    EXPECT_EQ(p.errorKind(), Parser::ErrorKind::Truncated);
    EXPECT_TRUE(p.errorText().contains(QLatin1String("closed")));
}

TEST(HttpParser, NoBodyForHeadAnd204) {
    Parser head(Parser::Mode::Response);
    head.setNoBodyExpected(true);
    Parser noContent(Parser::Mode::Response);

    EXPECT_EQ(head.feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n"), Parser::State::Complete);
    EXPECT_EQ(noContent.feed("HTTP/1.1 204 No Content\r\n\r\n"), Parser::State::Complete);
}

TEST(HttpMessage, SerializesWithContentLength) {
    Request r;
    r.method = "POST";
    r.target = "/m2m/scls";
    r.headers.add("Host", "h");
    r.body = "<x/>";

    const QByteArray wire = r.serialize();

    EXPECT_EQ(wire,
              QByteArray("POST /m2m/scls HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\n<x/>"));
}
