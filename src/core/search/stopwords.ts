/**
 * English stop words (the classic Glasgow/scikit-learn list, trimmed of words that carry meaning in
 * paper titles such as "few" (few-shot), "system", "find" and "show"). Checked on the lower-cased surface
 * form, before stemming.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above across after afterwards again against all almost alone along already also although
  always am among amongst an and another any anyhow anyone anything anyway anywhere are around as at
  be became because become becomes becoming been before beforehand behind being below beside besides
  between beyond both but by can cannot could did do does doing done down due during each eg either
  else elsewhere enough etc even ever every everyone everything everywhere except for former formerly
  from further had has hasnt have having he hence her here hereafter hereby herein hereupon hers herself
  him himself his how however i ie if in inc indeed into is it its itself just latter latterly least less
  ltd many may me meanwhile might mine more moreover most mostly much must my myself namely neither never
  nevertheless next no nobody none noone nor not nothing now nowhere of off often on once one only onto or
  other others otherwise our ours ourselves out over own per perhaps please quite rather re same seem
  seemed seeming seems several she should since so some somehow someone something sometime sometimes
  somewhere still such than that the their theirs them themselves then thence there thereafter thereby
  therefore therein thereupon these they this those though through throughout thru thus to together too
  toward towards under until up upon us very via was we well were what whatever when whence whenever where
  whereafter whereas whereby wherein whereupon wherever whether which while whither who whoever whole whom
  whose why will with within without would yet you your yours yourself yourselves`.split(/\s+/),
);
