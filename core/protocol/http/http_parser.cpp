// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/http/http_parser.h"

namespace m2mbench::http {

namespace {

bool isTokenChar(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        return true;
    }
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(const QByteArray &s) {
    if (s.isEmpty()) {
        return false;
    }
    for (char c : s) {
        if (!isTokenChar(c)) {
            return false;
        }
    }
    return true;
}

/// Finds the end of the head: the empty line. Returns the index just past it, or -1.
qsizetype headEnd(const QByteArray &buf) {
    const qsizetype crlf = buf.indexOf("\r\n\r\n");
    const qsizetype lf = buf.indexOf("\n\n");
    if (crlf < 0 && lf < 0) {
        return -1;
    }
    if (lf < 0 || (crlf >= 0 && crlf + 2 <= lf)) {
        return crlf + 4;
    }
    return lf + 2;
}

QByteArray printable(const QByteArray &b, qsizetype max = 60) {
    QByteArray out;
    for (char c : b.left(max)) {
        out +=
            (c >= 0x20 && c < 0x7f)
                ? QByteArray(1, c)
                : QByteArray("\\x") +
                      QByteArray::number(static_cast<unsigned char>(c), 16).rightJustified(2, '0');
    }
    if (b.size() > max) {
        out += "...";
    }
    return out;
}

} // namespace

Parser::Parser(Mode mode, Limits limits)
    : m_mode(mode)
    , m_limits(limits) {}

Headers &Parser::headers() {
    return m_mode == Mode::Request ? m_request.headers : m_response.headers;
}

QByteArray &Parser::body() {
    return m_mode == Mode::Request ? m_request.body : m_response.body;
}

Parser::State Parser::feed(const QByteArray &data) {
    if (m_state != State::NeedMore) {
        return m_state; // complete or failed: the caller must reset() first
    }
    m_buffer += data;
    return parse();
}

Parser::State Parser::parse() {
    while (m_state == State::NeedMore) {
        State s = State::NeedMore;
        const qsizetype before = m_buffer.size();
        const Phase phaseBefore = m_phase;
        switch (m_phase) {
        case Phase::Head: s = parseHead(); break;
        case Phase::FixedBody: s = takeBody(m_remaining, Phase::Done); break;
        case Phase::ChunkSize: s = parseChunkSize(); break;
        case Phase::ChunkData: s = takeBody(m_remaining, Phase::ChunkDataEnd); break;
        case Phase::ChunkDataEnd:
            if (m_buffer.size() < 2 && !m_buffer.startsWith('\n')) {
                return State::NeedMore;
            }
            if (m_buffer.startsWith("\r\n") || m_buffer.startsWith('\n')) {
                const int n = m_buffer.startsWith('\n') ? 1 : 2;
                m_raw += m_buffer.left(n);
                m_buffer.remove(0, n);
                m_phase = Phase::ChunkSize;
                break;
            }
            return error(ErrorKind::Malformed, QStringLiteral("chunk data not followed by CRLF"));
        case Phase::Trailers: s = parseTrailers(); break;
        case Phase::BodyToClose: {
            if (body().size() + m_buffer.size() > m_limits.maxBody) {
                return error(
                    ErrorKind::TooLarge,
                    QStringLiteral("body exceeds the limit of %1 bytes").arg(m_limits.maxBody));
            }
            body() += m_buffer;
            m_raw += m_buffer;
            m_buffer.clear();
            return State::NeedMore;
        }
        case Phase::Done: return complete();
        }
        if (s != State::NeedMore) {
            return s;
        }
        if (m_phase == phaseBefore && m_buffer.size() == before) {
            return State::NeedMore; // no progress: wait for more bytes
        }
    }
    return m_state;
}

Parser::State Parser::parseHead() {
    // Tolerate empty lines before a message (RFC 9112 section 2.2).
    while (m_buffer.startsWith("\r\n") || m_buffer.startsWith('\n')) {
        m_buffer.remove(0, m_buffer.startsWith('\n') ? 1 : 2);
    }
    const qsizetype end = headEnd(m_buffer);
    if (end < 0) {
        if (m_buffer.size() > m_limits.maxHead) {
            return error(ErrorKind::TooLarge,
                         QStringLiteral("header section exceeds %1 bytes").arg(m_limits.maxHead));
        }
        return State::NeedMore;
    }
    if (end > m_limits.maxHead) {
        return error(ErrorKind::TooLarge,
                     QStringLiteral("header section exceeds %1 bytes").arg(m_limits.maxHead));
    }
    const QByteArray head = m_buffer.left(end);
    m_raw += head;
    m_buffer.remove(0, end);

    QList<QByteArray> lines = head.split('\n');
    for (QByteArray &l : lines) {
        if (l.endsWith('\r')) {
            l.chop(1);
        }
    }
    while (!lines.isEmpty() && lines.last().isEmpty()) {
        lines.removeLast();
    }
    if (lines.isEmpty() || !parseStartLine(lines.first())) {
        return m_state == State::Error
                   ? m_state
                   : error(ErrorKind::Malformed, QStringLiteral("empty message"));
    }
    if (lines.size() - 1 > m_limits.maxHeaderCount) {
        return error(ErrorKind::TooLarge,
                     QStringLiteral("more than %1 header fields").arg(m_limits.maxHeaderCount));
    }
    for (qsizetype i = 1; i < lines.size(); ++i) {
        if (!parseHeaderLine(lines[i])) {
            return m_state;
        }
    }
    return chooseBody();
}

bool Parser::parseStartLine(const QByteArray &line) {
    const QList<QByteArray> parts = line.split(' ');
    if (m_mode == Mode::Request) {
        if (parts.size() != 3 || !isToken(parts[0]) || parts[1].isEmpty() ||
            !parts[2].startsWith("HTTP/1.")) {
            error(
                ErrorKind::Malformed,
                QStringLiteral("bad request line '%1'").arg(QString::fromLatin1(printable(line))));
            return false;
        }
        m_request.method = parts[0];
        m_request.target = parts[1];
        m_request.version = parts[2];
        m_close = parts[2] == "HTTP/1.0";
        return true;
    }
    bool ok = false;
    const int status = parts.size() >= 2 ? parts[1].toInt(&ok) : 0;
    if (parts.size() < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].size() != 3 || !ok ||
        status < 100) {
        error(ErrorKind::Malformed,
              QStringLiteral("bad status line '%1'").arg(QString::fromLatin1(printable(line))));
        return false;
    }
    m_response.version = parts[0];
    m_response.status = status;
    m_response.reason = line.mid(parts[0].size() + 5);
    m_close = parts[0] == "HTTP/1.0";
    return true;
}

bool Parser::parseHeaderLine(const QByteArray &line) {
    if (line.startsWith(' ') || line.startsWith('\t')) {
        error(ErrorKind::Malformed, QStringLiteral("obsolete line folding in header section"));
        return false;
    }
    const qsizetype colon = line.indexOf(':');
    const QByteArray name = colon > 0 ? line.left(colon) : QByteArray();
    if (!isToken(name)) {
        error(ErrorKind::Malformed,
              QStringLiteral("bad header field '%1'").arg(QString::fromLatin1(printable(line))));
        return false;
    }
    headers().add(name, line.mid(colon + 1).trimmed());
    return true;
}

Parser::State Parser::chooseBody() {
    const Headers &h = headers();
    const QByteArray connection = h.value("Connection").toLower();
    if (connection.contains("close")) {
        m_close = true;
    } else if (connection.contains("keep-alive")) {
        m_close = false;
    }
    if (m_mode == Mode::Response) {
        const int s = m_response.status;
        if (m_noBody || (s >= 100 && s < 200) || s == 204 || s == 304) {
            m_phase = Phase::Done;
            return State::NeedMore;
        }
    }
    const QByteArray te = h.value("Transfer-Encoding").toLower();
    if (!te.isEmpty()) {
        if (!te.trimmed().endsWith("chunked")) {
            return error(ErrorKind::Malformed, QStringLiteral("unsupported Transfer-Encoding '%1'")
                                                   .arg(QString::fromLatin1(printable(te))));
        }
        m_phase = Phase::ChunkSize;
        return State::NeedMore;
    }
    const QList<QByteArray> lengths = h.values("Content-Length");
    if (!lengths.isEmpty()) {
        const QByteArray first = lengths.first().trimmed();
        for (const QByteArray &l : lengths) {
            if (l.trimmed() != first) {
                return error(ErrorKind::Malformed,
                             QStringLiteral("conflicting Content-Length fields"));
            }
        }
        bool ok = !first.isEmpty() && first.size() <= 18;
        for (char c : first) {
            ok = ok && c >= '0' && c <= '9';
        }
        const qint64 length = ok ? first.toLongLong(&ok) : -1;
        if (!ok) {
            return error(ErrorKind::Malformed, QStringLiteral("bad Content-Length '%1'")
                                                   .arg(QString::fromLatin1(printable(first))));
        }
        if (length > m_limits.maxBody) {
            return error(ErrorKind::TooLarge,
                         QStringLiteral("Content-Length %1 exceeds the limit of %2 bytes")
                             .arg(length)
                             .arg(m_limits.maxBody));
        }
        m_remaining = static_cast<qsizetype>(length);
        m_phase = m_remaining > 0 ? Phase::FixedBody : Phase::Done;
        return State::NeedMore;
    }
    // A request without framing has no body; a response without it runs until the close.
    m_phase = m_mode == Mode::Request ? Phase::Done : Phase::BodyToClose;
    if (m_phase == Phase::BodyToClose) {
        m_close = true;
    }
    return State::NeedMore;
}

Parser::State Parser::takeBody(qsizetype want, Phase next) {
    const qsizetype n = std::min(want, m_buffer.size());
    if (n > 0) {
        body() += m_buffer.left(n);
        m_raw += m_buffer.left(n);
        m_buffer.remove(0, n);
        m_remaining -= n;
    }
    if (m_remaining == 0) {
        m_phase = next;
    }
    return State::NeedMore;
}

Parser::State Parser::parseChunkSize() {
    const qsizetype nl = m_buffer.indexOf('\n');
    if (nl < 0) {
        if (m_buffer.size() > 1024) {
            return error(ErrorKind::Malformed, QStringLiteral("chunk-size line too long"));
        }
        return State::NeedMore;
    }
    QByteArray line = m_buffer.left(nl);
    m_raw += m_buffer.left(nl + 1);
    m_buffer.remove(0, nl + 1);
    if (line.endsWith('\r')) {
        line.chop(1);
    }
    const qsizetype semi = line.indexOf(';'); // chunk extensions are ignored
    const QByteArray digits = (semi >= 0 ? line.left(semi) : line).trimmed();
    bool ok = !digits.isEmpty() && digits.size() <= 15;
    const qint64 size = ok ? digits.toLongLong(&ok, 16) : -1;
    if (!ok || size < 0) {
        return error(
            ErrorKind::Malformed,
            QStringLiteral("bad chunk size '%1'").arg(QString::fromLatin1(printable(line))));
    }
    if (body().size() + size > m_limits.maxBody) {
        return error(
            ErrorKind::TooLarge,
            QStringLiteral("chunked body exceeds the limit of %1 bytes").arg(m_limits.maxBody));
    }
    if (m_raw.size() > m_limits.maxHead + 2 * m_limits.maxBody + 4096) {
        return error(ErrorKind::TooLarge, QStringLiteral("chunk framing overhead too large"));
    }
    m_remaining = static_cast<qsizetype>(size);
    m_phase = size == 0 ? Phase::Trailers : Phase::ChunkData;
    return State::NeedMore;
}

Parser::State Parser::parseTrailers() {
    for (;;) {
        const qsizetype nl = m_buffer.indexOf('\n');
        if (nl < 0) {
            if (m_buffer.size() > m_limits.maxHead) {
                return error(ErrorKind::TooLarge, QStringLiteral("trailer section too large"));
            }
            return State::NeedMore;
        }
        QByteArray line = m_buffer.left(nl);
        m_raw += m_buffer.left(nl + 1);
        m_buffer.remove(0, nl + 1);
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        if (line.isEmpty()) {
            m_phase = Phase::Done;
            return State::NeedMore;
        }
        // Trailer fields are read and dropped: nothing in mId depends on them.
    }
}

Parser::State Parser::finishOnClose() {
    if (m_state != State::NeedMore) {
        return m_state;
    }
    if (m_phase == Phase::BodyToClose) {
        m_phase = Phase::Done;
        return complete();
    }
    if (m_phase == Phase::Head && m_buffer.isEmpty()) {
        return error(ErrorKind::Truncated, QStringLiteral("connection closed before any data"));
    }
    return error(ErrorKind::Truncated,
                 QStringLiteral("connection closed in the middle of a message (%1 bytes received)")
                     .arg(m_raw.size() + m_buffer.size()));
}

Parser::State Parser::reset() {
    m_state = State::NeedMore;
    m_phase = Phase::Head;
    m_errorKind = ErrorKind::None;
    m_errorText.clear();
    m_raw.clear();
    m_remaining = 0;
    m_close = false;
    m_noBody = false;
    m_request = Request();
    m_response = Response();
    return m_buffer.isEmpty() ? State::NeedMore : parse();
}

Parser::State Parser::error(ErrorKind kind, QString text) {
    m_state = State::Error;
    m_errorKind = kind;
    m_errorText = std::move(text);
    m_buffer.clear();
    return m_state;
}

Parser::State Parser::complete() {
    m_state = State::Complete;
    return m_state;
}

Result<Request> requestFromText(const QByteArray &text) {
    QByteArray normalized = text;
    normalized.replace("\r\n", "\n");
    const qsizetype split = normalized.indexOf("\n\n");
    QByteArray head = split >= 0 ? normalized.left(split) : normalized.trimmed();
    const QByteArray body = split >= 0 ? normalized.mid(split + 2) : QByteArray();
    QList<QByteArray> lines;
    for (const QByteArray &line : head.split('\n')) {
        if (!line.toLower().startsWith("content-length:")) {
            lines.append(line);
        }
    }
    if (!body.isEmpty()) {
        lines.append("Content-Length: " + QByteArray::number(body.size()));
    }
    Parser parser(Parser::Mode::Request);
    const auto state = parser.feed(lines.join("\r\n") + "\r\n\r\n" + body);
    if (state != Parser::State::Complete) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("the edited request is not HTTP: %1")
                        .arg(parser.errorText().isEmpty() ? QStringLiteral("incomplete")
                                                          : parser.errorText()));
    }
    return parser.request();
}

} // namespace m2mbench::http
