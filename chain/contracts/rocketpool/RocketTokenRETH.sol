// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./RocketPoolBase.sol";

/// Devnet replica of rETH (RocketTokenRETH v1.0, permanent at 0xae78736Cd615f374D3085123A210448E74Fc6393).
/// ERC-20 with OpenZeppelin 3.4 semantics and revert strings; conversions use the RocketNetworkBalances oracle
/// snapshot (T = total ETH, S = rETH supply): ethValue = floor(r * T / S), rethValue = floor(e * S / T).
/// Minting is reserved to the registered deposit pool; burning pays ETH from this contract's balance plus the
/// deposit pool's excess balance.
contract RocketTokenRETH is RocketPoolBase {
    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);
    event EtherDeposited(address indexed from, uint256 amount, uint256 time);
    event TokensMinted(address indexed to, uint256 amount, uint256 ethAmount, uint256 time);
    event TokensBurned(address indexed from, uint256 amount, uint256 ethAmount, uint256 time);

    mapping(address => uint256) private _balances;
    mapping(address => mapping(address => uint256)) private _allowances;
    uint256 private _totalSupply;
    bool private _initialised;

    // ---- ERC-20 ----

    function name() external view returns (string memory) { return "Rocket Pool ETH"; }
    function symbol() external view returns (string memory) { return "rETH"; }
    function decimals() external view returns (uint8) { return 18; }
    function version() external view returns (uint8) { return 1; }
    function totalSupply() public view returns (uint256) { return _totalSupply; }
    function balanceOf(address account) public view returns (uint256) { return _balances[account]; }
    function allowance(address owner, address spender) external view returns (uint256) { return _allowances[owner][spender]; }

    function transfer(address recipient, uint256 amount) external returns (bool) {
        _transfer(msg.sender, recipient, amount);
        return true;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        _approve(msg.sender, spender, amount);
        return true;
    }

    /// OZ 3.4: the allowance is always decreased (also when it is type(uint256).max) and Approval is emitted.
    function transferFrom(address sender, address recipient, uint256 amount) external returns (bool) {
        _transfer(sender, recipient, amount);
        uint256 current = _allowances[sender][msg.sender];
        require(current >= amount, "ERC20: transfer amount exceeds allowance");
        _approve(sender, msg.sender, current - amount);
        return true;
    }

    function increaseAllowance(address spender, uint256 addedValue) external returns (bool) {
        _approve(msg.sender, spender, _allowances[msg.sender][spender] + addedValue);
        return true;
    }

    function decreaseAllowance(address spender, uint256 subtractedValue) external returns (bool) {
        uint256 current = _allowances[msg.sender][spender];
        require(current >= subtractedValue, "ERC20: decreased allowance below zero");
        _approve(msg.sender, spender, current - subtractedValue);
        return true;
    }

    // ---- exchange rate (oracle snapshot) ----

    /// floor(r * T / S); the input unchanged when S is 0.
    function getEthValue(uint256 _rethAmount) public view returns (uint256) {
        IRocketPoolNetworkBalances balances = IRocketPoolNetworkBalances(_contractAddress("rocketNetworkBalances"));
        uint256 totalEthBalance = balances.getTotalETHBalance();
        uint256 rethSupply = balances.getTotalRETHSupply();
        if (rethSupply == 0) return _rethAmount;
        return _rethAmount * totalEthBalance / rethSupply;
    }

    /// floor(e * S / T); the input unchanged when S is 0.
    function getRethValue(uint256 _ethAmount) public view returns (uint256) {
        IRocketPoolNetworkBalances balances = IRocketPoolNetworkBalances(_contractAddress("rocketNetworkBalances"));
        uint256 totalEthBalance = balances.getTotalETHBalance();
        uint256 rethSupply = balances.getTotalRETHSupply();
        if (rethSupply == 0) return _ethAmount;
        require(totalEthBalance > 0, "Cannot calculate rETH token amount while total network balance is zero");
        return _ethAmount * rethSupply / totalEthBalance;
    }

    /// ETH per 1 rETH (18 decimals) = getEthValue(1 ether).
    function getExchangeRate() external view returns (uint256) { return getEthValue(1 ether); }

    /// ETH this contract holds plus the deposit pool's excess balance: the upper bound of a single burn.
    function getTotalCollateral() public view returns (uint256) {
        return address(this).balance + IRocketPoolDepositPool(_contractAddress("rocketDepositPool")).getExcessBalance();
    }

    /// 1e18 * (ETH held here) / getEthValue(totalSupply()); 1e18 when the supply is worth 0.
    function getCollateralRate() public view returns (uint256) {
        uint256 totalEthValue = getEthValue(_totalSupply);
        if (totalEthValue == 0) return CALC_BASE;
        return CALC_BASE * address(this).balance / totalEthValue;
    }

    // ---- collateral ----

    /// ETH sent by anyone (rewards, collateral top-ups) is accepted and logged.
    receive() external payable {
        emit EtherDeposited(msg.sender, msg.value, block.timestamp);
    }

    /// Excess deposit pool ETH moved here to cover burns or to top up collateral (deposit pool only).
    function depositExcess() external payable onlyLatestContract("rocketDepositPool", msg.sender) {
        emit EtherDeposited(msg.sender, msg.value, block.timestamp);
    }

    /// Anyone: sends the ETH above the target collateral rate back to the deposit pool.
    function depositExcessCollateral() external {
        uint256 targetRate = IRocketPoolSettingsNetwork(_contractAddress("rocketDAOProtocolSettingsNetwork")).getTargetRethCollateralRate();
        uint256 collateralRate = getCollateralRate();
        if (collateralRate <= targetRate) return;
        // As the real contract: the target is scaled from this balance by target / current rate (one floor).
        uint256 targetCollateral = address(this).balance * targetRate / collateralRate;
        if (address(this).balance > targetCollateral) {
            IRocketPoolDepositPool(_contractAddress("rocketDepositPool")).recycleExcessCollateral{value: address(this).balance - targetCollateral}();
        }
    }

    // ---- mint / burn ----

    /// Mints getRethValue(_ethAmount) to `_to` (deposit pool only; _ethAmount is the deposit net of the fee).
    function mint(uint256 _ethAmount, address _to) external onlyLatestContract("rocketDepositPool", msg.sender) {
        uint256 rethAmount = getRethValue(_ethAmount);
        require(rethAmount > 0, "Invalid token mint amount");
        _mint(_to, rethAmount);
        emit TokensMinted(_to, rethAmount, _ethAmount, block.timestamp);
    }

    /// Burns rETH for getEthValue(_rethAmount) ETH, paid with a 2300-gas transfer.
    function burn(uint256 _rethAmount) external {
        require(_rethAmount > 0, "Invalid token burn amount");
        require(_balances[msg.sender] >= _rethAmount, "Insufficient rETH balance");
        uint256 ethAmount = getEthValue(_rethAmount);
        require(getTotalCollateral() >= ethAmount, "Insufficient ETH balance for exchange");
        _burn(msg.sender, _rethAmount);
        uint256 held = address(this).balance;
        if (held < ethAmount) {
            IRocketPoolDepositPool(_contractAddress("rocketDepositPool")).withdrawExcessBalance(ethAmount - held);
        }
        emit TokensBurned(msg.sender, _rethAmount, ethAmount, block.timestamp);
        payable(msg.sender).transfer(ethAmount);
    }

    // ---- internals (OpenZeppelin 3.4 revert strings) ----

    function _transfer(address sender, address recipient, uint256 amount) private {
        require(sender != address(0), "ERC20: transfer from the zero address");
        require(recipient != address(0), "ERC20: transfer to the zero address");
        _beforeTokenTransfer(sender);
        uint256 balance = _balances[sender];
        require(balance >= amount, "ERC20: transfer amount exceeds balance");
        _balances[sender] = balance - amount;
        _balances[recipient] += amount;
        emit Transfer(sender, recipient, amount);
    }

    function _mint(address account, uint256 amount) private {
        require(account != address(0), "ERC20: mint to the zero address");
        _totalSupply += amount;
        _balances[account] += amount;
        emit Transfer(address(0), account, amount);
    }

    function _burn(address account, uint256 amount) private {
        require(account != address(0), "ERC20: burn from the zero address");
        _beforeTokenTransfer(account);
        uint256 balance = _balances[account];
        require(balance >= amount, "ERC20: burn amount exceeds balance");
        _balances[account] = balance - amount;
        _totalSupply -= amount;
        emit Transfer(account, address(0), amount);
    }

    function _approve(address owner, address spender, uint256 amount) private {
        require(owner != address(0), "ERC20: approve from the zero address");
        require(spender != address(0), "ERC20: approve to the zero address");
        _allowances[owner][spender] = amount;
        emit Approval(owner, spender, amount);
    }

    /// Legacy v1.0 deposit delay: only addresses with "user.deposit.block" set (written by the v1.0 deposit pool,
    /// never by later ones) must wait "network.reth.deposit.delay" blocks; the key is cleared on the first move.
    function _beforeTokenTransfer(address from) private {
        bytes32 key = keccak256(abi.encodePacked("user.deposit.block", from));
        uint256 lastDepositBlock = _getUint(key);
        if (lastDepositBlock > 0) {
            uint256 depositDelay = IRocketPoolSettingsNetwork(_contractAddress("rocketDAOProtocolSettingsNetwork")).getRethDepositDelay();
            require(block.number - lastDepositBlock > depositDelay, "Not enough time has passed since deposit");
            _rocketStorage().deleteUint(key);
        }
    }

    // ---- devnet admin helpers (not part of the real ABI) ----

    /// Mints the pre-existing mainnet-like supply to `_holder` once (the devnet's stand-in for four years of deposits).
    function devnetInitialize(address _holder, uint256 _supply) external onlyDevnetAdmin {
        require(!_initialised, "Devnet: already initialised");
        _initialised = true;
        _mint(_holder, _supply);
    }
}
