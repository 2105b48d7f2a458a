// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"
#include "core/protocol/http/http_message.h"

#include <QByteArray>
#include <QString>

namespace m2mbench::http {

/// Bounds on what a peer may make the parser hold. A peer beyond them gets an error, never more
/// memory: a 50 MB body against a 16 MB limit is refused when its Content-Length is read.
struct Limits {
    qsizetype maxHead = 64 * 1024; ///< start line plus header fields
    int maxHeaderCount = 128;
    qsizetype maxBody = 16 * 1024 * 1024; ///< decoded body
};

/// Incremental HTTP/1.1 parser (RFC 9112) for one direction of a connection. Feed it bytes as
/// they arrive; it reports when one message is complete, leaving any following bytes (pipelined
/// requests) in place for the next call after reset().
class Parser {
public:
    enum class Mode { Request, Response };
    enum class State { NeedMore, Complete, Error };
    enum class ErrorKind { None, Malformed, TooLarge, Truncated };

    explicit Parser(Mode mode, Limits limits = {});

    /// Adds bytes and parses as far as possible.
    State feed(const QByteArray &data);
    /// Tells the parser the peer closed the connection: completes a close-delimited body, or
    /// turns an unfinished message into a Truncated error.
    State finishOnClose();
    /// The response answers a HEAD request: no body follows whatever the headers say.
    void setNoBodyExpected(bool noBody) { m_noBody = noBody; }

    /// Forgets the finished message and goes on with any bytes that followed it.
    State reset();

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] ErrorKind errorKind() const { return m_errorKind; }
    [[nodiscard]] const QString &errorText() const { return m_errorText; }
    [[nodiscard]] const Request &request() const { return m_request; }
    [[nodiscard]] const Response &response() const { return m_response; }
    /// The bytes of the current message as received (head and body, chunk framing included).
    [[nodiscard]] const QByteArray &raw() const { return m_raw; }
    /// True when some bytes of a message have been received but it is not complete yet.
    [[nodiscard]] bool inProgress() const { return m_phase != Phase::Head || !m_buffer.isEmpty(); }
    /// The message asked for the connection to close after it (Connection: close, HTTP/1.0).
    [[nodiscard]] bool wantsClose() const { return m_close; }

private:
    enum class Phase {
        Head,
        FixedBody,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        BodyToClose,
        Done
    };

    State parse();
    State parseHead();
    bool parseStartLine(const QByteArray &line);
    bool parseHeaderLine(const QByteArray &line);
    State chooseBody();
    State parseChunkSize();
    State parseTrailers();
    State takeBody(qsizetype want, Phase next);
    State error(ErrorKind kind, QString text);
    State complete();
    Headers &headers();
    QByteArray &body();

    Mode m_mode;
    Limits m_limits;
    State m_state = State::NeedMore;
    Phase m_phase = Phase::Head;
    ErrorKind m_errorKind = ErrorKind::None;
    QString m_errorText;
    QByteArray m_buffer; ///< received, not yet consumed
    QByteArray m_raw;
    qsizetype m_remaining = 0;
    bool m_noBody = false;
    bool m_close = false;
    Request m_request;
    Response m_response;
};

/// A request a person typed or edited (at a breakpoint): line ends may be bare LF, and the
/// Content-Length is set to the body as given. Errors say what does not parse.
Result<Request> requestFromText(const QByteArray &text);

} // namespace m2mbench::http
