// An interpreter header that includes grammar and runtime: refused twice.
#pragma once
#include "model/model.hpp"
#include "grammar/frontend.hpp"
# include <runtime/store.hpp>
