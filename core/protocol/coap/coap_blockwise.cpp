// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/coap/coap_blockwise.h"

#include <QCryptographicHash>

namespace m2mbench::coap {

namespace {

template<typename Map>
void evictOldest(Map &map) {
    auto oldest = map.begin();
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (it->idle.elapsed() > oldest->idle.elapsed()) {
            oldest = it;
        }
    }
    if (oldest != map.end()) {
        map.erase(oldest);
    }
}

template<typename Map>
void pruneIdle(Map &map, int idleMs) {
    for (auto it = map.begin(); it != map.end();) {
        it = it->idle.elapsed() > idleMs ? map.erase(it) : std::next(it);
    }
}

} // namespace

void Block1Assembler::prune() {
    pruneIdle(m_transfers, m_limits.idleMs);
}

Block1Assembler::Step Block1Assembler::add(const QString &key, const Message &request) {
    prune();
    Step step;
    const auto raw = request.option(option::kBlock1);
    auto block = raw ? Block::decode(*raw) : Result<Block>(fail(Error::Kind::Parse, QString()));
    if (!block) {
        m_transfers.remove(key);
        step.code = code(4, 0);
        step.reason = QStringLiteral("invalid Block1 option: %1").arg(block.error().message);
        return step;
    }
    const Block b = *block;
    if (b.num == 0) {
        m_transfers.remove(key);
        const auto size1 = request.uintOption(option::kSize1);
        if (size1 && *size1 > static_cast<quint32>(m_limits.maxBody)) {
            step.code = code(4, 13);
            step.sizeLimit = static_cast<quint32>(m_limits.maxBody);
            step.reason = QStringLiteral("the announced body of %1 octets exceeds %2")
                              .arg(*size1)
                              .arg(m_limits.maxBody);
            return step;
        }
        if (m_transfers.size() >= m_limits.maxTransfers) {
            evictOldest(m_transfers);
        }
        Transfer fresh;
        fresh.idle.start();
        m_transfers.insert(key, fresh);
    }
    auto it = m_transfers.find(key);
    const qint64 offset = static_cast<qint64>(b.num) * b.size();
    if (it == m_transfers.end() || offset != it->body.size()) {
        m_transfers.remove(key);
        step.code = code(4, 8);
        step.reason =
            QStringLiteral("Block1 number %1 does not follow what arrived before").arg(b.num);
        return step;
    }
    if (b.more && request.payload.size() != b.size()) {
        m_transfers.remove(key);
        step.code = code(4, 0);
        step.reason = QStringLiteral("a Block1 block with more to come carries %1 octets, not %2")
                          .arg(request.payload.size())
                          .arg(b.size());
        return step;
    }
    if (it->body.size() + request.payload.size() > m_limits.maxBody) {
        m_transfers.remove(key);
        step.code = code(4, 13);
        step.sizeLimit = static_cast<quint32>(m_limits.maxBody);
        step.reason = QStringLiteral("the request body grew past %1 octets").arg(m_limits.maxBody);
        return step;
    }
    it->body += request.payload;
    it->idle.restart();
    step.echo = b;
    if (b.more) {
        step.kind = Step::Kind::Continue;
        return step;
    }
    step.kind = Step::Kind::Complete;
    step.request = request;
    step.request.payload = it->body;
    step.request.removeOptions(option::kBlock1);
    step.request.removeOptions(option::kSize1);
    m_transfers.erase(it);
    return step;
}

void Block2Server::prune() {
    pruneIdle(m_cache, m_limits.idleMs);
}

Message Block2Server::blockOf(const QString &key, const Message &full,
                              std::optional<Block> wanted) {
    prune();
    const int limit = std::min(m_limits.blockSize, wanted ? wanted->size() : m_limits.blockSize);
    if (full.payload.size() <= limit && (!wanted || wanted->num == 0)) {
        return full;
    }
    if (m_cache.size() >= m_limits.maxTransfers && !m_cache.contains(key)) {
        evictOldest(m_cache);
    }
    Entry entry;
    entry.full = full;
    entry.etag = QCryptographicHash::hash(full.payload, QCryptographicHash::Sha1).left(8);
    entry.idle.start();
    m_cache.insert(key, entry);
    const Block first{wanted ? wanted->num : 0, false,
                      static_cast<quint8>(std::max(0, Block::szxFor(limit)))};
    return slice(entry, first);
}

std::optional<Message> Block2Server::cachedBlock(const QString &key, const Block &wanted) {
    prune();
    auto it = m_cache.find(key);
    if (it == m_cache.end()) {
        return std::nullopt;
    }
    it->idle.restart();
    return slice(*it, wanted);
}

Message Block2Server::slice(const Entry &entry, const Block &wanted) const {
    Message m = entry.full;
    m.payload.clear();
    const int szx = std::min<int>(wanted.szx, std::max(0, Block::szxFor(m_limits.blockSize)));
    const int size = 1 << (szx + 4);
    const qint64 offset = static_cast<qint64>(wanted.num) * size;
    const qsizetype total = entry.full.payload.size();
    if (offset >= total && total > 0) {
        m.options.clear();
        m.code = code(4, 2); // RFC 7959 section 2.2: a block beyond the body is a Bad Option
        m.payload = QByteArrayLiteral("Block2 number beyond the end of the representation");
        return m;
    }
    m.payload = entry.full.payload.mid(offset, size);
    m.setBlock(option::kBlock2, Block{wanted.num, offset + size < total, static_cast<quint8>(szx)});
    m.removeOptions(option::kETag);
    m.addOption(option::kETag, entry.etag);
    if (wanted.num == 0) {
        m.addUintOption(option::kSize2, static_cast<quint32>(total));
    }
    return m;
}

} // namespace m2mbench::coap
