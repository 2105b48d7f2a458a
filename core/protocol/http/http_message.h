// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace m2mbench::http {

/// Header fields in the order received; names compared case-insensitively.
class Headers {
public:
    void add(const QByteArray &name, const QByteArray &value);
    void set(const QByteArray &name, const QByteArray &value);
    void remove(const QByteArray &name);
    [[nodiscard]] bool contains(const QByteArray &name) const;
    /// First value of the field, or an empty array.
    [[nodiscard]] QByteArray value(const QByteArray &name) const;
    [[nodiscard]] QList<QByteArray> values(const QByteArray &name) const;
    [[nodiscard]] const QList<QPair<QByteArray, QByteArray>> &all() const { return m_fields; }
    [[nodiscard]] qsizetype count() const { return m_fields.size(); }

private:
    QList<QPair<QByteArray, QByteArray>> m_fields;
};

struct Request {
    QByteArray method; ///< "GET", "POST", ...
    QByteArray target; ///< request-target as sent: path and query, percent-encoded
    QByteArray version = "HTTP/1.1";
    Headers headers;
    QByteArray body;

    /// The wire form; sets Content-Length when a body is present or the method carries one.
    [[nodiscard]] QByteArray serialize() const;
    /// The path part of the target, percent-decoded.
    [[nodiscard]] QString path() const;
    /// The raw query (after '?'), not decoded.
    [[nodiscard]] QByteArray query() const;
};

struct Response {
    QByteArray version = "HTTP/1.1";
    int status = 200;
    QByteArray reason;
    Headers headers;
    QByteArray body;

    /// The wire form, with Content-Length always set.
    [[nodiscard]] QByteArray serialize() const;
};

/// The standard reason phrase of a status code ("Created" for 201), or "Unknown".
QByteArray reasonPhrase(int status);

} // namespace m2mbench::http
