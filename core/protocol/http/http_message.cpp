// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/http/http_message.h"

#include <QUrl>

namespace m2mbench::http {

namespace {

bool sameName(const QByteArray &a, const QByteArray &b) {
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

void writeHeaders(QByteArray &out, const Headers &headers, qsizetype bodySize, bool forceLength) {
    bool hasLength = false;
    for (const auto &[name, value] : headers.all()) {
        if (sameName(name, "Content-Length")) {
            hasLength = true;
        }
        out += name + ": " + value + "\r\n";
    }
    if (!hasLength && (bodySize > 0 || forceLength)) {
        out += "Content-Length: " + QByteArray::number(bodySize) + "\r\n";
    }
    out += "\r\n";
}

} // namespace

void Headers::add(const QByteArray &name, const QByteArray &value) {
    m_fields.append({name, value});
}

void Headers::set(const QByteArray &name, const QByteArray &value) {
    remove(name);
    add(name, value);
}

void Headers::remove(const QByteArray &name) {
    m_fields.removeIf([&](const auto &f) { return sameName(f.first, name); });
}

bool Headers::contains(const QByteArray &name) const {
    for (const auto &f : m_fields) {
        if (sameName(f.first, name)) {
            return true;
        }
    }
    return false;
}

QByteArray Headers::value(const QByteArray &name) const {
    for (const auto &f : m_fields) {
        if (sameName(f.first, name)) {
            return f.second;
        }
    }
    return {};
}

QList<QByteArray> Headers::values(const QByteArray &name) const {
    QList<QByteArray> out;
    for (const auto &f : m_fields) {
        if (sameName(f.first, name)) {
            out.append(f.second);
        }
    }
    return out;
}

QByteArray Request::serialize() const {
    QByteArray out;
    out.reserve(256 + body.size());
    out += method + ' ' + target + ' ' + version + "\r\n";
    const bool carriesBody = method == "POST" || method == "PUT" || method == "PATCH";
    writeHeaders(out, headers, body.size(), carriesBody);
    out += body;
    return out;
}

QString Request::path() const {
    const auto q = target.indexOf('?');
    const QByteArray raw = q >= 0 ? target.left(q) : target;
    return QUrl::fromPercentEncoding(raw);
}

QByteArray Request::query() const {
    const auto q = target.indexOf('?');
    return q >= 0 ? target.mid(q + 1) : QByteArray();
}

QByteArray Response::serialize() const {
    QByteArray out;
    out.reserve(256 + body.size());
    out += version + ' ' + QByteArray::number(status) + ' ' +
           (reason.isEmpty() ? reasonPhrase(status) : reason) + "\r\n";
    writeHeaders(out, headers, body.size(), true);
    out += body;
    return out;
}

QByteArray reasonPhrase(int status) {
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
    }
}

} // namespace m2mbench::http
