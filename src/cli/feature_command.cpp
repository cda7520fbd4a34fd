// Feature commands from the option tables.
#include "cli/feature_command.h"

#include "api/request.h"

namespace caravan::cli {
using nlohmann::json;
using K = api::Option::Kind;

namespace {
// The subcommand `name` of `parent`, made if absent.
CLI::App* sub(CLI::App& parent, const std::string& name, const std::string& summary) {
  for (auto* s : parent.get_subcommands({}))
    if (s->get_name() == name) return s;
  return parent.add_subcommand(name, summary);
}
}  // namespace

FeatureCommand::FeatureCommand(CLI::App& app, const api::Feature& f) : feature_(f) {
  const std::string name(f.name);
  const auto space = name.find(' ');
  if (space == std::string::npos) {
    cmd_ = app.add_subcommand(name, std::string(f.summary));
  } else {
    auto* group = sub(app, name.substr(0, space), "validate, describe or export a network");
    group->require_subcommand(1);
    cmd_ = group->add_subcommand(name.substr(space + 1), std::string(f.summary));
  }
  for (const auto& o : f.options) {
    auto& s = slots_.emplace_back();
    s.option = &o;
    const std::string flag(o.flag), help(o.help);
    switch (o.kind) {
      case K::Text:
      case K::File:
      case K::Positional:
        s.cli = cmd_->add_option(flag, s.text, help);
        break;
      case K::Number:
        s.cli = cmd_->add_option(flag, s.number, help);
        break;
      case K::Integer:
        s.cli = cmd_->add_option(flag, s.integer, help);
        break;
      case K::Flag:
        s.cli = cmd_->add_flag(flag, s.flag, help);
        break;
      case K::List:
        s.cli = cmd_->add_option(flag, s.list, help)->delimiter(',');
        break;
    }
    if (o.required) s.cli->required();
  }
  cmd_->add_flag("--json", as_json, "JSON output");
  if (f.geojson) cmd_->add_flag("--geojson", as_geojson, "GeoJSON output");
  if (f.csv) cmd_->add_flag("--csv", as_csv, "CSV output");
  if (f.job) cmd_->add_flag("--quiet", quiet, "no progress on stderr");
}

Result<json> FeatureCommand::request() const {
  json r = json::object();
  for (const auto& s : slots_) {
    const auto& o = *s.option;
    if (o.field.empty() || o.kind == K::File) continue;
    const std::string field(o.field);
    if (s.cli->count() == 0) {
      if (!o.fallback.empty()) r[field] = json::parse(o.fallback);
      continue;
    }
    if (o.convert) {
      auto v = o.convert(o.kind == K::Flag ? std::string() : s.text);
      if (!v)
        return make_error(v.error().code, std::string(o.flag) + ": " + v.error().message, field);
      r[field] = std::move(*v);
      continue;
    }
    switch (o.kind) {
      case K::Text:
      case K::Positional:
        r[field] = s.text;
        break;
      case K::Number:
        r[field] = s.number;
        break;
      case K::Integer:
        r[field] = s.integer;
        break;
      case K::Flag:
        r[field] = s.flag;
        break;
      case K::List:
        r[field] = s.list;
        break;
      case K::File:
        break;
    }
  }
  return r;
}

std::map<std::string, std::string> FeatureCommand::files() const {
  std::map<std::string, std::string> out;
  for (const auto& s : slots_)
    if (s.option->kind == K::File && s.cli->count() > 0) out[std::string(s.option->flag)] = s.text;
  return out;
}

}  // namespace caravan::cli
