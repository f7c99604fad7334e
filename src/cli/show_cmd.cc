// dyad show event ID | dyad show doc ID: one merged event with its mentions
// and their sentences, or one stored document (docs/cli.md).

#include <cstdio>
#include <memory>
#include <string>

#include "cameo/codebook.h"
#include "cli/cli.h"
#include "cli/store_cli.h"

namespace dyad::cli {
namespace {

struct ShowOptions {
  std::string db;
  std::string what;
  int64_t id = 0;
};

int ShowEvent(Globals& g, store::Reader& s, int64_t id) {
  auto e = s.GetEvent(id);
  if (!e.ok()) return Fail(e.status());
  auto ms = s.GetMentions(id);
  if (!ms.ok()) return Fail(ms.status());
  auto urls = s.GetEventUrls(id);
  if (!urls.ok()) return Fail(urls.status());
  const cameo::Codebook* cb = nullptr;
  if (auto r = cameo::Codebook::Get(g.config); r.ok()) cb = *r;
  const cameo::CodeInfo* info = cb ? cb->Find(e->code) : nullptr;
  std::printf("event %lld: %s %s (%s) -> %s\n", static_cast<long long>(e->id),
              e->source_name.empty() ? e->source_code.c_str() : e->source_name.c_str(),
              e->code.c_str(), info ? info->name.c_str() : "?",
              e->target_name.empty() ? (e->target_code.empty() ? "-" : e->target_code.c_str())
                                     : e->target_name.c_str());
  std::printf("  actors:    %s -> %s\n", e->source_code.empty() ? "-" : e->source_code.c_str(),
              e->target_code.empty() ? "-" : e->target_code.c_str());
  std::printf("  date:      %s   first seen %s, last seen %s\n", IsoDate(e->date).c_str(),
              IsoDate(e->first_seen).c_str(), IsoDate(e->last_seen).c_str());
  std::printf("  place:     %s%s%s\n", e->place_name.empty() ? "-" : e->place_name.c_str(),
              e->place_country.empty() ? "" : ", ", e->place_country.c_str());
  std::printf("  quad %d, Goldstein %.1f; %d mentions in %d articles from %d sources\n",
              e->quad_class, e->goldstein, e->num_mentions, e->num_articles, e->num_sources);
  std::printf("  sources:\n");
  for (const std::string& u : *urls) std::printf("    %s\n", u.c_str());
  std::printf("  mentions:\n");
  for (const store::MentionRow& m : *ms) {
    std::printf("    [%lld] doc %lld, sentence %d, %s, %s %s %s%s\n", static_cast<long long>(m.id),
                static_cast<long long>(m.doc_id), m.sentence + 1, IsoDate(m.doc_date).c_str(),
                m.source_code.empty() ? "-" : m.source_code.c_str(), m.code.c_str(),
                m.target_code.empty() ? "-" : m.target_code.c_str(),
                m.modality == "asserted" ? "" : (" [" + m.modality + "]").c_str());
    std::printf("        %s\n", m.url.empty() ? m.title.c_str() : m.url.c_str());
    std::printf("        \"%s\"\n", Shorten(m.sentence_text, 400).c_str());
  }
  return 0;
}

int ShowDoc(store::Reader& s, int64_t id) {
  auto d = s.GetDocument(id);
  if (!d.ok()) return Fail(d.status());
  std::printf("document %lld: %s\n", static_cast<long long>(d->id), d->title.c_str());
  std::printf("  url:     %s\n  source:  %s\n  outlet:  %s\n  date:    %s\n",
              d->url.empty() ? "-" : d->url.c_str(), d->source.c_str(),
              d->outlet.empty() ? "-" : d->outlet.c_str(), IsoDate(d->date).c_str());
  std::printf("  %d sentences, %d events, %d quotes\n", d->num_sentences, d->num_events,
              d->num_quotes);
  auto ms = s.GetDocumentMentions(id);
  if (!ms.ok()) return Fail(ms.status());
  if (!ms->empty()) std::printf("  events:\n");
  for (const store::MentionRow& m : *ms) {
    std::printf("    event %lld  %s %s %s  sentence %d: %s\n", static_cast<long long>(m.event_id),
                m.source_code.empty() ? "-" : m.source_code.c_str(), m.code.c_str(),
                m.target_code.empty() ? "-" : m.target_code.c_str(), m.sentence + 1,
                Shorten(m.sentence_text, 100).c_str());
  }
  bool any = false;
  Status st = s.ForEachQuote(id, [&](const store::QuoteRow& q) {
    if (!any) std::printf("  quotes:\n");
    any = true;
    std::printf("    %-24s %-10s \"%s\"\n",
                Shorten(q.speaker.empty() ? "(unknown)" : q.speaker, 24).c_str(), q.cue.c_str(),
                Shorten(q.text, 120).c_str());
    return Status::Ok();
  });
  if (!st.ok()) return Fail(st);
  std::printf("  text:\n%s\n", d->text.c_str());
  return 0;
}

}  // namespace

Command AddShowCommand(CLI::App& root, Globals& g) {
  auto o = std::make_shared<ShowOptions>();
  CLI::App* app =
      root.add_subcommand("show", "Show a stored event (with its mentions) or document");
  app->add_option("what", o->what, "event or doc")
      ->required()
      ->check(CLI::IsMember({"event", "doc"}));
  app->add_option("id", o->id, "the event's or document's id")->required();
  AddStoreOptions(app, &o->db);
  AddDataOption(app, g);
  return {app,
          [o](Globals& g) {
            auto st = OpenExistingStore(o->db);
            if (!st.ok()) return Fail(st.status());
            return o->what == "event" ? ShowEvent(g, **st, o->id) : ShowDoc(**st, o->id);
          },
          false};
}

}  // namespace dyad::cli
