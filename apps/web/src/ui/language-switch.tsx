import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language, setLanguage } from '../i18n';

const NAMES: Record<Language, string> = { 'zh-CN': '中文', en: 'English' };

/** Each language is named in itself, so anyone can find their own. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    // biome-ignore lint/a11y/useSemanticElements: a toggle group, not a form fieldset
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          className="language-switch__option"
          aria-pressed={i18n.language === lang}
          onClick={() => setLanguage(lang)}
        >
          {NAMES[lang]}
        </button>
      ))}
    </div>
  );
}
