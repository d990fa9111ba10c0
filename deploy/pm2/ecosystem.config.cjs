/**
 * wxmp serve under pm2: `pm2 start deploy/pm2/ecosystem.config.cjs`, then `pm2 save` and `pm2 startup`.
 *
 * Three instances on ports 3001, 3002, 3003 (pm2 counts PORT up per instance), each a process of its own behind
 * deploy/nginx/wxmp.conf, sharing Redis. Secrets come from /opt/wxmp/.env (mode 0600), which `wxmp serve` reads
 * from its working directory: WECHAT_TOKEN, WECHAT_APPID, WECHAT_APPSECRET, WECHAT_ENCODING_AES_KEY,
 * WECHAT_MESSAGE_MODE, REDIS_URL. Never put them in this file.
 */
module.exports = {
  apps: [
    {
      name: 'wxmp',
      cwd: '/opt/wxmp',
      script: 'node_modules/wxmp/bin/wxmp.js',
      // Your bot: ['serve', '--handler', 'bot.js', '--host', '127.0.0.1'].
      args: ['serve', '--example', 'echo', '--host', '127.0.0.1'],
      // Separate processes on separate ports (not pm2's cluster mode): nginx balances and fails over.
      exec_mode: 'fork',
      instances: 3,
      increment_var: 'PORT',
      env: { NODE_ENV: 'production', PORT: 3001 },
      // pm2 stops with SIGINT, which wxmp handles as SIGTERM: it stops accepting, finishes or journals what is in
      // flight within its grace (--shutdown-grace, 10 s by default, then 1 s before open connections are cut); pm2
      // must wait longer before SIGKILL.
      kill_timeout: 30000,
      autorestart: true,
      restart_delay: 2000,
      max_restarts: 10,
      min_uptime: 10000,
      max_memory_restart: '512M',
      merge_logs: true,
      time: true,
    },
  ],
};
