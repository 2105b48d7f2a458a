/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Entry points Wireshark 4.0 looks for in <plugin dir>/4.0/epan/etsim2m.so. */
#define WS_BUILD_DLL
#include <ws_symbol_export.h>
#include <ws_version.h>

#include <epan/proto.h>
#include <epan/tap.h>

#include "etsim2m-int.h"

#ifndef ETSIM2M_PLUGIN_VERSION
#define ETSIM2M_PLUGIN_VERSION "0.1.0"
#endif

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = ETSIM2M_PLUGIN_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);

void proto_register_etsim2m(void);
void proto_reg_handoff_etsim2m(void);

void plugin_register(void) {
    static proto_plugin dissector;
    static tap_plugin stats;
    dissector.register_protoinfo = proto_register_etsim2m;
    dissector.register_handoff = proto_reg_handoff_etsim2m;
    proto_register_plugin(&dissector);
    stats.register_tap_listener = etsim2m_register_stats;
    tap_register_plugin(&stats);
}
