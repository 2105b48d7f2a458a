// SPDX-License-Identifier: Apache-2.0
#include "core/common/logging.h"

Q_LOGGING_CATEGORY(lcCommon, "m2mbench.common", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTrace, "m2mbench.trace", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCrypto, "m2mbench.crypto", QtInfoMsg)
Q_LOGGING_CATEGORY(lcProtocol, "m2mbench.protocol", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNodes, "m2mbench.nodes", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRunner, "m2mbench.runner", QtInfoMsg)
Q_LOGGING_CATEGORY(lcApp, "m2mbench.app", QtInfoMsg)
