/**
 * A small built-in list of passwords that appear at the top of breach corpora, checked
 * case-insensitively (NIST SP 800-63B: block known-compromised values; no composition rules).
 * Only entries of 12+ characters matter here, since shorter ones fail the length rule anyway.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456789abc', '1q2w3e4r5t6y', '1qaz2wsx3edc',
  'qwertyuiop12', 'qwertyuiopasdfgh', 'qwerty123456', 'qwertyqwerty', 'asdfghjkl123', 'zxcvbnm12345',
  'password1234', 'password12345', 'password123456', 'password!234', 'passwordpassword', 'password1!password',
  'p@ssw0rd1234', 'p@ssword1234', 'passw0rd1234', 'iloveyou1234', 'letmein12345', 'welcome12345',
  'welcome123456', 'administrator', 'administrator1', 'admin1234567', 'adminadmin123', 'changeme1234',
  'changemenow!', 'trustno1trustno1', 'football1234', 'baseball1234', 'basketball12', 'superman1234',
  'starwars1234', 'princess1234', 'sunshine1234', 'monkey123456', 'dragon123456', 'master123456',
  'michael12345', 'jennifer1234', 'shadow123456', 'abc123456789', 'abcdefghijkl', 'abcd12345678',
  'aaaaaaaaaaaa', '111111111111', '000000000000', '121212121212', '123123123123', '123321123321',
  '987654321098', '1234qwerasdf', 'qazwsxedcrfv', 'q1w2e3r4t5y6', 'summer202020', 'winter202020',
  'spring202020', 'autumn202020', 'summer2024!!', 'summer2025!!', 'summer2026!!', 'winter2025!!',
  'winter2026!!', 'password2024', 'password2025', 'password2026', 'welcome2024!', 'welcome2025!',
  'welcome2026!', 'wyoming12345', 'cheyenne1234', 'cowboys12345', 'letmeinplease', 'correcthorsebatterystaple',
  'iloveyouiloveyou', 'youcantguessit', 'thisismypassword', 'mypassword123', 'mypassword1234', 'secret123456',
  'computer1234', 'internet1234', 'whatever1234', 'starwarsstarwars', 'pokemon12345', 'hello1234567',
]);
