// SPDX-License-Identifier: Apache-2.0
#pragma once

// Block-wise transfers on the server side (RFC 7959), bounded: requests that arrive in Block1
// blocks are put together up to a size limit, and large responses are served in Block2 blocks
// from a short-lived cache. A transfer that never ends is dropped at the size limit or after an
// idle time; at most `maxTransfers` are kept, the oldest going first.

#include "core/protocol/coap/coap_message.h"

#include <QElapsedTimer>
#include <QHash>

#include <optional>

namespace m2mbench::coap {

struct BlockLimits {
    qsizetype maxBody = 1024 * 1024; ///< largest request put together, largest body served
    int maxTransfers = 64;
    int idleMs = 30000;
    int blockSize = 1024; ///< largest Block2 block the server sends
};

/// Puts Block1 requests together.
class Block1Assembler {
public:
    explicit Block1Assembler(BlockLimits limits)
        : m_limits(limits) {}

    struct Step {
        enum class Kind {
            Continue, ///< answer 2.31 with `echo`
            Complete, ///< `request` is whole (payload joined, Block1 removed); echo in the answer
            Refuse,   ///< answer `code` (4.08 incomplete, 4.13 too large, 4.00 bad block)
        } kind = Kind::Refuse;
        Message request;
        Block echo;
        quint8 code = 0;
        QString reason;
        quint32 sizeLimit = 0; ///< for 4.13: Size1 to tell the client
    };

    /// `key` names the transfer (peer, method, target). The request carries a Block1 option.
    Step add(const QString &key, const Message &request);
    [[nodiscard]] int transfers() const { return static_cast<int>(m_transfers.size()); }

private:
    struct Transfer {
        quint32 next = 0;
        QByteArray body;
        QElapsedTimer idle;
    };
    void prune();

    BlockLimits m_limits;
    QHash<QString, Transfer> m_transfers;
};

/// Serves a large response block by block.
class Block2Server {
public:
    explicit Block2Server(BlockLimits limits)
        : m_limits(limits) {}

    /// The response for block `wanted` of a full response (payload = whole body); caches the body
    /// for the next blocks. Small bodies pass through untouched.
    Message blockOf(const QString &key, const Message &full, std::optional<Block> wanted);
    /// The cached body's block `wanted`, when the transfer is known.
    std::optional<Message> cachedBlock(const QString &key, const Block &wanted);
    [[nodiscard]] int transfers() const { return static_cast<int>(m_cache.size()); }

private:
    struct Entry {
        Message full;
        QByteArray etag;
        QElapsedTimer idle;
    };
    Message slice(const Entry &entry, const Block &wanted) const;
    void prune();

    BlockLimits m_limits;
    QHash<QString, Entry> m_cache;
};

} // namespace m2mbench::coap
