# SPDX-License-Identifier: Apache-2.0
# Compiles each source of the etsim2m plugin with -Wall -Wextra -Wpedantic -Werror (C11, the
# Wireshark headers' flags) and fails on any warning. Run by CTest as dissector_warnings.
separate_arguments(_cflags UNIX_COMMAND "${CFLAGS}")
set(_failed "")
foreach(_source IN LISTS SOURCES)
    if(NOT _source MATCHES "\\.c$")
        continue()
    endif()
    execute_process(
        COMMAND ${CC} -std=c11 -fsyntax-only -Wall -Wextra -Wpedantic -Werror ${_cflags}
            -I${SOURCE_DIR} ${SOURCE_DIR}/${_source}
        RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
    if(_rc EQUAL 0)
        message(STATUS "${_source}: no warnings")
    else()
        message(STATUS "${_source}:\n${_out}${_err}")
        list(APPEND _failed ${_source})
    endif()
endforeach()
if(_failed)
    message(FATAL_ERROR "warnings in: ${_failed}")
endif()
