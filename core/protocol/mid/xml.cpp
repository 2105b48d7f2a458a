// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/mid/xml.h"

#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace m2mbench::mid {

const XmlNode *XmlNode::child(QStringView localName) const {
    for (const XmlNode &c : children) {
        if (c.name == localName) {
            return &c;
        }
    }
    return nullptr;
}

QList<const XmlNode *> XmlNode::childrenNamed(QStringView localName) const {
    QList<const XmlNode *> out;
    for (const XmlNode &c : children) {
        if (c.name == localName) {
            out.append(&c);
        }
    }
    return out;
}

QString XmlNode::childText(QStringView localName) const {
    const XmlNode *c = child(localName);
    return c ? c->text : QString();
}

QString XmlNode::attribute(QStringView localName) const {
    for (const Attribute &a : attributes) {
        if (a.name == localName) {
            return a.value;
        }
    }
    return {};
}

bool XmlNode::hasAttribute(QStringView localName) const {
    for (const Attribute &a : attributes) {
        if (a.name == localName) {
            return true;
        }
    }
    return false;
}

QStringList XmlNode::select(QStringView path) const {
    QList<const XmlNode *> current{this};
    const auto steps = path.split(u'/', Qt::SkipEmptyParts);
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const QStringView step = steps[i];
        if (step.startsWith(u'@')) {
            QStringList out;
            for (const XmlNode *n : current) {
                if (n->hasAttribute(step.mid(1))) {
                    out.append(n->attribute(step.mid(1)));
                }
            }
            return out;
        }
        QList<const XmlNode *> next;
        for (const XmlNode *n : current) {
            next.append(n->childrenNamed(step));
        }
        current = next;
    }
    QStringList out;
    for (const XmlNode *n : current) {
        out.append(n->text);
    }
    return out;
}

Result<XmlNode> parseXml(const QByteArray &document, const XmlLimits &limits) {
    if (document.size() > limits.maxBytes) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("document of %1 bytes exceeds the limit of %2")
                        .arg(document.size())
                        .arg(limits.maxBytes));
    }
    QXmlStreamReader reader(document);
    QList<XmlNode> stack;
    std::optional<XmlNode> root;
    int elements = 0;
    auto where = [&reader]() {
        return QStringLiteral("line %1, column %2")
            .arg(reader.lineNumber())
            .arg(reader.columnNumber());
    };
    while (!reader.atEnd()) {
        const auto token = reader.readNext();
        switch (token) {
        case QXmlStreamReader::DTD:
            return fail(
                Error::Kind::Parse,
                QStringLiteral("document type declarations are not accepted (%1)").arg(where()));
        case QXmlStreamReader::StartElement: {
            if (root) {
                return fail(Error::Kind::Parse,
                            QStringLiteral("content after the root element (%1)").arg(where()));
            }
            if (++elements > limits.maxElements || stack.size() >= limits.maxDepth) {
                return fail(Error::Kind::Parse,
                            QStringLiteral("document too deep or too large (%1)").arg(where()));
            }
            XmlNode node;
            node.ns = reader.namespaceUri().toString();
            node.name = reader.name().toString();
            node.line = static_cast<int>(reader.lineNumber());
            for (const QXmlStreamAttribute &a : reader.attributes()) {
                node.attributes.append(
                    {a.namespaceUri().toString(), a.name().toString(), a.value().toString()});
            }
            stack.append(std::move(node));
            break;
        }
        case QXmlStreamReader::Characters:
            if (!stack.isEmpty()) {
                stack.last().text += reader.text();
            }
            break;
        case QXmlStreamReader::EndElement: {
            XmlNode done = std::move(stack.last());
            stack.removeLast();
            done.text = done.text.trimmed();
            if (stack.isEmpty()) {
                root = std::move(done);
            } else {
                stack.last().children.append(std::move(done));
            }
            break;
        }
        default: break;
        }
    }
    if (reader.hasError()) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("malformed XML: %1 (%2)").arg(reader.errorString(), where()));
    }
    if (!root) {
        return fail(Error::Kind::Parse, QStringLiteral("no root element"));
    }
    return *root;
}

namespace {

void writeNode(QXmlStreamWriter &w, const XmlNode &n) {
    if (n.ns.isEmpty()) {
        w.writeStartElement(n.name);
    } else {
        w.writeStartElement(n.ns, n.name);
    }
    for (const XmlNode::Attribute &a : n.attributes) {
        if (a.ns.isEmpty()) {
            w.writeAttribute(a.name, a.value);
        } else {
            w.writeAttribute(a.ns, a.name, a.value);
        }
    }
    if (!n.text.isEmpty()) {
        w.writeCharacters(n.text);
    }
    for (const XmlNode &c : n.children) {
        writeNode(w, c);
    }
    w.writeEndElement();
}

} // namespace

QByteArray writeXml(const XmlNode &root) {
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.writeStartDocument();
    w.writeNamespace(QLatin1String(kM2mNamespace), QStringLiteral("m2m"));
    writeNode(w, root);
    w.writeEndDocument();
    return out;
}

QString rootElementName(const QByteArray &document) {
    qsizetype i = 0;
    while ((i = document.indexOf('<', i)) >= 0) {
        const char next = i + 1 < document.size() ? document.at(i + 1) : '\0';
        if (next == '?' || next == '!') {
            ++i;
            continue;
        }
        qsizetype end = i + 1;
        while (end < document.size() && !QByteArrayView(" \t\r\n/>").contains(document.at(end))) {
            ++end;
        }
        const QByteArray name = document.mid(i + 1, end - i - 1);
        const qsizetype colon = name.indexOf(':');
        return QString::fromUtf8(colon >= 0 ? name.mid(colon + 1) : name);
    }
    return {};
}

XmlNode m2mElement(const QString &localName, const QString &text) {
    XmlNode n;
    n.ns = QLatin1String(kM2mNamespace);
    n.name = localName;
    n.text = text;
    return n;
}

XmlNode localElement(const QString &localName, const QString &text) {
    XmlNode n;
    n.name = localName;
    n.text = text;
    return n;
}

} // namespace m2mbench::mid
