// layout.cpp — render() of layout.hpp: the usual command-stack pretty
// printer (as in Wadler's "prettier printer" and prettier's doc printer),
// with `fits` looking ahead to the next break of the text that follows.
#include "layout.hpp"

namespace pb::grammar::layout {

Doc text(std::string s) { return Doc{Doc::Kind::Text, std::move(s), 0, {}}; }
Doc brk(std::string flat) { return Doc{Doc::Kind::Break, std::move(flat), 0, {}}; }
Doc cat(Docs d) { return Doc{Doc::Kind::Cat, {}, 0, std::move(d)}; }
Doc nest(int n, Docs d) { return Doc{Doc::Kind::Nest, {}, n, std::move(d)}; }
Doc group(Docs d) { return Doc{Doc::Kind::Group, {}, 0, std::move(d)}; }
Doc fill(Docs d) { return Doc{Doc::Kind::Fill, {}, 0, std::move(d)}; }

int columns(std::string_view s) {
  int n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

namespace {

int width_of(const std::string& s) { return columns(s); }

struct Cmd {
  int indent;
  bool flat;
  const Doc* doc;
  size_t from = 0;  // Fill: the first item not printed yet
};

void push_kids(std::vector<Cmd>& stack, const Doc& d, int indent, bool flat) {
  for (size_t i = d.kids.size(); i-- > 0;) stack.push_back({indent, flat, &d.kids[i]});
}

// Whether `first` (flat), then the rest of the stack, fit in `room` columns
// up to the next break that the rest prints as a new line.
bool fits(int room, Cmd first, const std::vector<Cmd>& rest) {
  std::vector<Cmd> look{first};
  size_t next_rest = rest.size();
  while (room >= 0) {
    if (look.empty()) {
      if (next_rest == 0) return true;
      look.push_back(rest[--next_rest]);
    }
    Cmd c = look.back();
    look.pop_back();
    const Doc& d = *c.doc;
    switch (d.kind) {
      case Doc::Kind::Text: room -= width_of(d.text); break;
      case Doc::Kind::Break:
        if (!c.flat) return true;
        room -= width_of(d.text);
        break;
      case Doc::Kind::Fill:
        for (size_t i = d.kids.size(); i-- > c.from;)
          look.push_back({c.indent, c.flat, &d.kids[i]});
        break;
      default: push_kids(look, d, c.indent, c.flat); break;
    }
  }
  return false;
}

class Renderer {
 public:
  Renderer(int indent, int width) : width_(width), col_(indent) {}
  std::string out;

  void run(const Doc& d, int indent) {
    stack_.push_back({indent, false, &d});
    while (!stack_.empty()) {
      Cmd c = stack_.back();
      stack_.pop_back();
      step(c);
    }
  }

 private:
  void step(const Cmd& c) {
    const Doc& d = *c.doc;
    switch (d.kind) {
      case Doc::Kind::Text: emit(d.text); break;
      case Doc::Kind::Break:
        if (c.flat)
          emit(d.text);
        else
          newline(c.indent);
        break;
      case Doc::Kind::Cat: push_kids(stack_, d, c.indent, c.flat); break;
      case Doc::Kind::Nest: push_kids(stack_, d, c.indent + d.indent, c.flat); break;
      case Doc::Kind::Group:
        push_kids(stack_, d, c.indent, c.flat || fits(width_ - col_, {c.indent, true, &d}, stack_));
        break;
      case Doc::Kind::Fill: fill_step(c); break;
    }
  }

  // Prints the next item of a fill, and decides its following break by
  // whether the item after it fits on this line.
  void fill_step(const Cmd& c) {
    const Doc& d = *c.doc;
    size_t n = d.kids.size();
    if (c.from >= n) return;
    bool flat_sep = c.flat;
    if (!flat_sep && c.from + 2 < n) {  // the last item must fit with what follows the fill
      const Doc& sep = d.kids[c.from + 1];
      int room = width_ - col_ - width_of(flat(d.kids[c.from])) - width_of(sep.text);
      static const std::vector<Cmd> none;
      flat_sep = fits(room, {c.indent, true, &d.kids[c.from + 2]}, c.from + 3 >= n ? stack_ : none);
    }
    if (c.from + 2 < n) stack_.push_back({c.indent, c.flat, &d, c.from + 2});
    if (c.from + 1 < n) stack_.push_back({c.indent, flat_sep, &d.kids[c.from + 1]});
    stack_.push_back({c.indent, c.flat, &d.kids[c.from]});
  }

  void emit(const std::string& s) {
    out += s;
    col_ += width_of(s);
  }

  void newline(int indent) {
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += '\n';
    out.append(static_cast<size_t>(indent), ' ');
    col_ = indent;
  }

  std::vector<Cmd> stack_;
  int width_;
  int col_;
};

void flat_into(const Doc& d, std::string& out) {
  if (d.kind == Doc::Kind::Text || d.kind == Doc::Kind::Break) out += d.text;
  for (const auto& k : d.kids) flat_into(k, out);
}

}  // namespace

std::string flat(const Doc& d) {
  std::string out;
  flat_into(d, out);
  return out;
}

std::string render(const Doc& d, int indent, int width) { return render(d, indent, width, indent); }

std::string render(const Doc& d, int col, int width, int base) {
  Renderer r(col, width);
  r.run(d, base);
  return std::move(r.out);
}

}  // namespace pb::grammar::layout
