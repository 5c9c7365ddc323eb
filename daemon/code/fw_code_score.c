/* fw_code scoring pass: an event's confidence from the evidence the other passes found.
 * One table holds every weight, so what the coder trusts can be read, and tuned, in one
 * place; the threshold that decides what is published is code.min_confidence. */
#include <stddef.h>

#include "fw_code_int.h"

static const struct {
    enum fw_code_feature f;
    const char *name;
    double weight;
} weights[] = {
    /* what the dictionaries and the roles say */
    {FW_CF_PATTERN, "a verb pattern of the dictionary matched", +0.20},
    {FW_CF_SRC_KNOWN, "the source has a country or sector", +0.10},
    {FW_CF_TGT_KNOWN, "the target has a country or sector", +0.10},
    {FW_CF_SRC_NAMED, "the source is a name no dictionary knows", -0.05},
    {FW_CF_SRC_INHERITED, "the source is a previous verb's", -0.15},
    {FW_CF_NO_SRC, "no source", -0.15},
    {FW_CF_NO_TGT, "no target", -0.10},
    {FW_CF_SUBORDINATE, "the verb is in a subordinate clause", -0.10},
    {FW_CF_NOT_ASSERTED, "reported, planned or hypothetical", -0.05},
    {FW_CF_DENIED, "denied or negated", -0.15},
    {FW_CF_BARE_PLACE, "an actor is a bare place adjective", -0.15},
    {FW_CF_NO_PLOVER, "a bare statement or appeal (no PLOVER category)", -0.10},
    /* is it a happening at all (event detection) */
    {FW_CF_QUESTION, "the sentence is a question", -0.80},
    {FW_CF_HEADLINE, "a headline, caption or label, not a sentence", -0.80},
    {FW_CF_IMPERATIVE, "an instruction to the reader (Listen to ..., Follow us, Read more)", -0.80},
    {FW_CF_HABITUAL, "a habit or a generality (usually, often; present tense)", -0.50},
    {FW_CF_OPINION, "an opinion (think, believe) about it", -0.30},
    {FW_CF_COUNTERFACTUAL, "counterfactual (would have, if ... had)", -0.40},
    {FW_CF_COMMENTARY, "an analyst's or expert's commentary", -0.40},
    {FW_CF_METAPHOR, "a violent verb with nothing physical about it", -0.80},
    {FW_CF_OFF_DOMAIN, "the article is about sport, shopping or leisure", -0.80},
    {FW_CF_SPECULATION, "the writer's guess (might, may) in a sentence that reports no one's words", -0.45},
    {FW_CF_APOLITICAL, "the article names almost no political actor (state, armed, party, opposition, IGO)", -0.80},
    {FW_CF_HISTORICAL, "a dated happening years before publication", -0.05},
    {FW_CF_DEMANDED, "what a demand or an appeal in its sentence asks for", -0.40},
    {FW_CF_NOUN_CONTENT, "the content of a noun (efforts to urge, a plan to attack)", -0.30},
    {FW_CF_MODAL, "under a modal of possibility or duty (should, could, would, might, may, must)", -0.25},
};

#define BASE 0.45

double fw_code_score(uint32_t features, int bare_places)
{
    double conf = BASE;
    for (size_t i = 0; i < sizeof weights / sizeof weights[0]; i++)
        if (features & (1u << weights[i].f)) conf += weights[i].weight * (weights[i].f == FW_CF_BARE_PLACE ? bare_places : 1);
    return conf < 0 ? 0 : conf > 1 ? 1 : conf;
}

const char *fw_code_feature_name(enum fw_code_feature f)
{
    for (size_t i = 0; i < sizeof weights / sizeof weights[0]; i++)
        if (weights[i].f == f) return weights[i].name;
    return "?";
}
