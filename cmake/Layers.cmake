# Layers.cmake — the include directories that make the layering a build rule.
#
# Contract: a layer's sources see only the layers below it. For each layer the
# build directory holds `layers/<layer>/`, a directory of symbolic links named
# after the layers it may include (each link points at that layer's source
# directory), and that directory is the layer target's include directory in
# place of the project root. So `#include "grammar/x.hpp"` from runtime/ does
# not compile: runtime's view has no `grammar` entry. The include directories
# are PUBLIC, so a target that links a layer sees what that layer sees; a layer
# links only layers below it, so no view grows beyond what its layer allows.
# tests/layering_check.cmake checks the same table over the sources.
#
#   model        nothing below it
#   interpreter  model
#   grammar      model
#   runtime      model, interpreter
#   source       model, interpreter, grammar, runtime
#   cli          every layer
include_guard(GLOBAL)

set(PB_LAYERS model interpreter grammar runtime source cli)
set(PB_LAYER_model_SEES model)
set(PB_LAYER_interpreter_SEES model interpreter)
set(PB_LAYER_grammar_SEES model grammar)
set(PB_LAYER_runtime_SEES model interpreter runtime)
set(PB_LAYER_source_SEES model interpreter grammar runtime source)
set(PB_LAYER_cli_SEES model interpreter grammar runtime source cli)

# pb_layer_includes(<target> <layer>): gives TARGET the view of LAYER.
function(pb_layer_includes target layer)
  set(view ${PROJECT_BINARY_DIR}/layers/${layer})
  file(REMOVE_RECURSE ${view})
  file(MAKE_DIRECTORY ${view})
  foreach(seen IN LISTS PB_LAYER_${layer}_SEES)
    if(NOT IS_DIRECTORY ${PROJECT_SOURCE_DIR}/${seen})
      continue()
    endif()
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${seen} ${view}/${seen} SYMBOLIC)
  endforeach()
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    target_include_directories(${target} INTERFACE ${view})
  else()
    target_include_directories(${target} PUBLIC ${view})
  endif()
endfunction()
