// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/http/http_binding.h"
#include "core/protocol/http/http_describe.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

using namespace m2mbench;
using namespace m2mbench::http;

TEST(HttpBinding, MapsVerbsAndCarriesRequestingEntityInBasicCredentials) {
    mid::Request req;
    req.method = mid::Method::Create;
    req.target = QStringLiteral("/m2m/scls");
    req.requestingEntity = QStringLiteral("/m2m/applications/app 1");
    req.body = "<m2m:scl/>";

    const Request http = toHttpRequest(req, "nscl:8080");

    EXPECT_EQ(http.method, QByteArray("POST"));
    EXPECT_EQ(http.target, QByteArray("/m2m/scls"));
    const QByteArray auth = http.headers.value("Authorization");
    ASSERT_TRUE(auth.startsWith("Basic "));
    EXPECT_EQ(QByteArray::fromBase64(auth.mid(6)),
              QByteArray("%2Fm2m%2Fapplications%2Fapp%201:secret"));
    EXPECT_EQ(requestingEntityFromAuthorization(auth).value(), req.requestingEntity);
}

TEST(HttpBinding, RoundTripsARequestPrimitive) {
    mid::Request req;
    req.method = mid::Method::Update;
    req.target = QStringLiteral("/m2m/scls/gscl 1");
    req.query = {{QStringLiteral("searchString"), QStringLiteral("a&b")}};
    req.requestingEntity = QStringLiteral("gscl");
    req.body = "<x/>";

    const auto back = fromHttpRequest(toHttpRequest(req, "h"));

    ASSERT_TRUE(back);
    EXPECT_EQ(back->method, mid::Method::Update);
    EXPECT_EQ(back->target, req.target);
    EXPECT_EQ(back->query, req.query);
    EXPECT_EQ(back->requestingEntity, QStringLiteral("gscl"));
}

TEST(HttpBinding, RejectsMethodsWithoutMidMeaningAndBadCredentials) {
    Request patch;
    patch.method = "PATCH";
    patch.target = "/m2m";
    Request badAuth;
    badAuth.method = "GET";
    badAuth.target = "/m2m";
    badAuth.headers.add("Authorization", "Basic !!!");

    EXPECT_FALSE(fromHttpRequest(patch));
    EXPECT_FALSE(fromHttpRequest(badAuth));
    EXPECT_FALSE(requestingEntityFromAuthorization("Bearer abc"));
}

TEST(HttpBinding, ErrorInfoTellsApartCodesSharingOneHttpStatus) {
    Response rsp;
    rsp.status = 410;
    rsp.body = "<m2m:errorInfo xmlns:m2m=\"http://uri.etsi.org/m2m\"><m2m:statusCode>STATUS_EXPIRED"
               "</m2m:statusCode></m2m:errorInfo>";

    const auto decoded = fromHttpResponse(rsp);

    EXPECT_EQ(decoded.status, mid::StatusCode::Expired);
}

TEST(HttpBinding, ResponseCarriesLocation) {
    mid::Response rsp;
    rsp.status = mid::StatusCode::Created;
    rsp.location = QStringLiteral("/m2m/scls/g");
    rsp.body = "<m2m:scl/>";

    const Response http = toHttpResponse(rsp);

    EXPECT_EQ(http.status, 201);
    EXPECT_EQ(http.headers.value("Location"), QByteArray("/m2m/scls/g"));
    EXPECT_EQ(http.headers.value("Content-Type"), QByteArray("application/xml"));
}

TEST(HttpDescribe, SummarisesAndLocatesFields) {
    Request req;
    req.method = "POST";
    req.target = "/m2m/scls";
    req.headers.add("Host", "h");
    req.body = "<m2m:scl xmlns:m2m=\"http://uri.etsi.org/m2m\" sclId=\"g1\"/>";
    const QByteArray raw = req.serialize();

    const Description d = describeRequest(req, raw);

    EXPECT_EQ(d.summary, QStringLiteral("CREATE /m2m/scls <scl sclId=g1>"));
    const trace::Field *headers = nullptr;
    for (const auto &f : d.fields) {
        if (f.name == QStringLiteral("Headers")) {
            headers = &f;
        }
    }
    ASSERT_NE(headers, nullptr);
    const trace::Field &host = headers->children.first();
    EXPECT_EQ(raw.mid(host.offset, host.length), QByteArray("Host: h"));
}

TEST(HttpDescribe, ShowsErrorInfoInTheSummary) {
    Response rsp;
    rsp.status = 409;
    rsp.headers.add("Content-Type", "application/xml");
    rsp.body =
        "<m2m:errorInfo xmlns:m2m=\"http://uri.etsi.org/m2m\"><m2m:statusCode>STATUS_CONFLICT"
        "</m2m:statusCode><m2m:additionalInfo>already there</m2m:additionalInfo></m2m:errorInfo>";

    const Description d = describeResponse(rsp, rsp.serialize());

    EXPECT_EQ(d.summary, QStringLiteral("409 STATUS_CONFLICT (already there)"));
}

TEST(HttpDescribe, DecodesRawBytesOnDemand) {
    const QList<trace::Field> request = decodeHttp("GET /m2m HTTP/1.1\r\nHost: h\r\n\r\n");
    const QList<trace::Field> response =
        decodeHttp("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
    const QList<trace::Field> garbage = decodeHttp("\x16\x03\x01 garbage\r\n\r\n");

    ASSERT_FALSE(request.isEmpty());
    EXPECT_EQ(request.first().name, QStringLiteral("mId primitive"));
    EXPECT_EQ(request.first().value, QStringLiteral("RETRIEVE"));
    ASSERT_FALSE(response.isEmpty());
    EXPECT_EQ(response.first().value, QStringLiteral("STATUS_NOT_FOUND"));
    ASSERT_EQ(garbage.size(), 1);
    EXPECT_EQ(garbage.first().name, QStringLiteral("Undecodable"));
}
